package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import org.osgi.service.component.annotations.Component;

/** {@code stddev_over_time(v range-vector)}: the population standard deviation of the values in the range. */
@Component(service = PromQLFunction.class)
public final class StddevOverTimeFunction extends OverTimeFunction {
    public StddevOverTimeFunction() {
        super("stddev_over_time");
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        return Math.sqrt(Variance.of(m, s, n));
    }
}
