package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import org.osgi.service.component.annotations.Component;

/** {@code ts_of_min_over_time(v range-vector)} (experimental): the timestamp, in seconds, of the last occurrence of the smallest value. */
@Component(service = PromQLFunction.class)
public final class TsOfMinOverTimeFunction extends OverTimeFunction {
    public TsOfMinOverTimeFunction() {
        super("ts_of_min_over_time");
        setExperimental();
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        return Extremes.value(m, s, n, false, true);
    }
}
