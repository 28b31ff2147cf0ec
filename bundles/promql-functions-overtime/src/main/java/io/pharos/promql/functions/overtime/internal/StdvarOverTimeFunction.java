package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import org.osgi.service.component.annotations.Component;

/** {@code stdvar_over_time(v range-vector)}: the population variance of the values in the range. */
@Component(service = PromQLFunction.class)
public final class StdvarOverTimeFunction extends OverTimeFunction {
    public StdvarOverTimeFunction() {
        super("stdvar_over_time");
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        return Variance.of(m, s, n);
    }
}
