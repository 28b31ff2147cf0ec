package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code asinh(v instant-vector)}: the inverse hyperbolic sine of each value. */
@Component(service = PromQLFunction.class)
public final class AsinhFunction extends ElementwiseFunction {
    public AsinhFunction() {
        super("asinh");
    }

    @Override
    double apply(double v) {
        return GoMath.asinh(v);
    }
}
