package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code cosh(v instant-vector)}: the hyperbolic cosine of each value. */
@Component(service = PromQLFunction.class)
public final class CoshFunction extends ElementwiseFunction {
    public CoshFunction() {
        super("cosh");
    }

    @Override
    double apply(double v) {
        return GoMath.cosh(v);
    }
}
