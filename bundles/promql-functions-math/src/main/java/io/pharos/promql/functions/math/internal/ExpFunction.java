package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code exp(v instant-vector)}: e raised to each value. */
@Component(service = PromQLFunction.class)
public final class ExpFunction extends ElementwiseFunction {
    public ExpFunction() {
        super("exp");
    }

    @Override
    double apply(double v) {
        return GoMath.exp(v);
    }
}
