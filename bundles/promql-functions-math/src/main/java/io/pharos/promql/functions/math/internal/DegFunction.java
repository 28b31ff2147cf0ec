package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code deg(v instant-vector)}: radians converted to degrees. */
@Component(service = PromQLFunction.class)
public final class DegFunction extends ElementwiseFunction {
    public DegFunction() {
        super("deg");
    }

    @Override
    double apply(double v) {
        return v * 180 / Math.PI;
    }
}
