package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code floor(v instant-vector)}: each value rounded down to an integer. */
@Component(service = PromQLFunction.class)
public final class FloorFunction extends ElementwiseFunction {
    public FloorFunction() {
        super("floor");
    }

    @Override
    double apply(double v) {
        return Math.floor(v);
    }
}
