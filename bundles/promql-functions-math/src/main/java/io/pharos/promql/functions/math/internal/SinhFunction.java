package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code sinh(v instant-vector)}: the hyperbolic sine of each value. */
@Component(service = PromQLFunction.class)
public final class SinhFunction extends ElementwiseFunction {
    public SinhFunction() {
        super("sinh");
    }

    @Override
    double apply(double v) {
        return GoMath.sinh(v);
    }
}
