package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code ln(v instant-vector)}: the natural logarithm of each value. */
@Component(service = PromQLFunction.class)
public final class LnFunction extends ElementwiseFunction {
    public LnFunction() {
        super("ln");
    }

    @Override
    double apply(double v) {
        return GoMath.log(v);
    }
}
