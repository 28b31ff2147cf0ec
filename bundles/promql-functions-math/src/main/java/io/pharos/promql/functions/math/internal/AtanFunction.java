package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code atan(v instant-vector)}: the arctangent of each value, in radians. */
@Component(service = PromQLFunction.class)
public final class AtanFunction extends ElementwiseFunction {
    public AtanFunction() {
        super("atan");
    }

    @Override
    double apply(double v) {
        return GoMath.atan(v);
    }
}
