package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code ceil(v instant-vector)}: each value rounded up to an integer. */
@Component(service = PromQLFunction.class)
public final class CeilFunction extends ElementwiseFunction {
    public CeilFunction() {
        super("ceil");
    }

    @Override
    double apply(double v) {
        return Math.ceil(v);
    }
}
