package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code asin(v instant-vector)}: the arcsine of each value, in radians. */
@Component(service = PromQLFunction.class)
public final class AsinFunction extends ElementwiseFunction {
    public AsinFunction() {
        super("asin");
    }

    @Override
    double apply(double v) {
        return GoMath.asin(v);
    }
}
