package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code rad(v instant-vector)}: degrees converted to radians. */
@Component(service = PromQLFunction.class)
public final class RadFunction extends ElementwiseFunction {
    public RadFunction() {
        super("rad");
    }

    @Override
    double apply(double v) {
        return v * Math.PI / 180;
    }
}
