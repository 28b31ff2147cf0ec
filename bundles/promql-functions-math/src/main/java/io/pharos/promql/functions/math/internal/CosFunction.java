package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code cos(v instant-vector)}: the cosine of each value (radians). */
@Component(service = PromQLFunction.class)
public final class CosFunction extends ElementwiseFunction {
    public CosFunction() {
        super("cos");
    }

    @Override
    double apply(double v) {
        return GoMath.cos(v);
    }
}
