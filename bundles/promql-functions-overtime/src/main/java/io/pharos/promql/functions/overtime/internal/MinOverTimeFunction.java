package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import org.osgi.service.component.annotations.Component;

/** {@code min_over_time(v range-vector)}: the smallest value in the range; a NaN is replaced by any later value. */
@Component(service = PromQLFunction.class)
public final class MinOverTimeFunction extends OverTimeFunction {
    public MinOverTimeFunction() {
        super("min_over_time");
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        return Extremes.value(m, s, n, false, false);
    }
}
