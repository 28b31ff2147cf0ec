package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import org.osgi.service.component.annotations.Component;

/** {@code count_over_time(v range-vector)}: the number of samples in the range. */
@Component(service = PromQLFunction.class)
public final class CountOverTimeFunction extends OverTimeFunction {
    public CountOverTimeFunction() {
        super("count_over_time");
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        return n;
    }
}
