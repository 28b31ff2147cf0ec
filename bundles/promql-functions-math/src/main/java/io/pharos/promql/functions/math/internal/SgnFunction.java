package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code sgn(v instant-vector)}: -1 for negative values, 1 for positive ones; 0, -0 and NaN stay. */
@Component(service = PromQLFunction.class)
public final class SgnFunction extends ElementwiseFunction {
    public SgnFunction() {
        super("sgn");
    }

    @Override
    double apply(double v) {
        return v < 0 ? -1 : v > 0 ? 1 : v;
    }
}
