package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code tanh(v instant-vector)}: the hyperbolic tangent of each value. */
@Component(service = PromQLFunction.class)
public final class TanhFunction extends ElementwiseFunction {
    public TanhFunction() {
        super("tanh");
    }

    @Override
    double apply(double v) {
        return GoMath.tanh(v);
    }
}
