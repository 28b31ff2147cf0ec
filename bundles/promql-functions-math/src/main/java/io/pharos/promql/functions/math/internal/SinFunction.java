package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code sin(v instant-vector)}: the sine of each value (radians). */
@Component(service = PromQLFunction.class)
public final class SinFunction extends ElementwiseFunction {
    public SinFunction() {
        super("sin");
    }

    @Override
    double apply(double v) {
        return GoMath.sin(v);
    }
}
