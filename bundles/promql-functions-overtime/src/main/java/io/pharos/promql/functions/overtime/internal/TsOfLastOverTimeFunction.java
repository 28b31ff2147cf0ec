package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import org.osgi.service.component.annotations.Component;

/** {@code ts_of_last_over_time(v range-vector)} (experimental): the timestamp, in seconds, of the most recent sample in the range. */
@Component(service = PromQLFunction.class)
public final class TsOfLastOverTimeFunction extends OverTimeFunction {
    public TsOfLastOverTimeFunction() {
        super("ts_of_last_over_time");
        setExperimental();
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        return m.timestamp(s, n - 1) / 1000.0;
    }
}
