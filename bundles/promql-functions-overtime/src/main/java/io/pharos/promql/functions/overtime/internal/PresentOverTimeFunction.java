package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import org.osgi.service.component.annotations.Component;

/** {@code present_over_time(v range-vector)}: 1 for every series with a sample in the range. */
@Component(service = PromQLFunction.class)
public final class PresentOverTimeFunction extends OverTimeFunction {
    public PresentOverTimeFunction() {
        super("present_over_time");
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        return 1;
    }
}
