package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code tan(v instant-vector)}: the tangent of each value (radians). */
@Component(service = PromQLFunction.class)
public final class TanFunction extends ElementwiseFunction {
    public TanFunction() {
        super("tan");
    }

    @Override
    double apply(double v) {
        return GoMath.tan(v);
    }
}
