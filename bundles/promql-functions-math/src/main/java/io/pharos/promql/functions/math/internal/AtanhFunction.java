package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code atanh(v instant-vector)}: the inverse hyperbolic tangent of each value. */
@Component(service = PromQLFunction.class)
public final class AtanhFunction extends ElementwiseFunction {
    public AtanhFunction() {
        super("atanh");
    }

    @Override
    double apply(double v) {
        return GoMath.atanh(v);
    }
}
