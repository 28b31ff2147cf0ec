package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code sqrt(v instant-vector)}: the square root of each value. */
@Component(service = PromQLFunction.class)
public final class SqrtFunction extends ElementwiseFunction {
    public SqrtFunction() {
        super("sqrt");
    }

    @Override
    double apply(double v) {
        return Math.sqrt(v);
    }
}
