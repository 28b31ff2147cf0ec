package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code acosh(v instant-vector)}: the inverse hyperbolic cosine of each value. */
@Component(service = PromQLFunction.class)
public final class AcoshFunction extends ElementwiseFunction {
    public AcoshFunction() {
        super("acosh");
    }

    @Override
    double apply(double v) {
        return GoMath.acosh(v);
    }
}
