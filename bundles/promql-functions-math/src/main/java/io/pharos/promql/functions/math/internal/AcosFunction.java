package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code acos(v instant-vector)}: the arccosine of each value, in radians. */
@Component(service = PromQLFunction.class)
public final class AcosFunction extends ElementwiseFunction {
    public AcosFunction() {
        super("acos");
    }

    @Override
    double apply(double v) {
        return GoMath.acos(v);
    }
}
