package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import org.osgi.service.component.annotations.Component;

/** {@code ts_of_max_over_time(v range-vector)} (experimental): the timestamp, in seconds, of the last occurrence of the largest value. */
@Component(service = PromQLFunction.class)
public final class TsOfMaxOverTimeFunction extends OverTimeFunction {
    public TsOfMaxOverTimeFunction() {
        super("ts_of_max_over_time");
        setExperimental();
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        return Extremes.value(m, s, n, true, true);
    }
}
