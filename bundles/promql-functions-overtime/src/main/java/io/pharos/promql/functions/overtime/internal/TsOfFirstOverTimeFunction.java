package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import org.osgi.service.component.annotations.Component;

/** {@code ts_of_first_over_time(v range-vector)} (experimental): the timestamp, in seconds, of the oldest sample in the range. */
@Component(service = PromQLFunction.class)
public final class TsOfFirstOverTimeFunction extends OverTimeFunction {
    public TsOfFirstOverTimeFunction() {
        super("ts_of_first_over_time");
        setExperimental();
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        return m.timestamp(s, 0) / 1000.0;
    }
}
