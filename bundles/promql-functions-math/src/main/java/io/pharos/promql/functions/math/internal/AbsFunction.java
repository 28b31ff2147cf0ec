package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code abs(v instant-vector)}: the absolute value of each sample. */
@Component(service = PromQLFunction.class)
public final class AbsFunction extends ElementwiseFunction {
    public AbsFunction() {
        super("abs");
    }

    @Override
    double apply(double v) {
        return Math.abs(v);
    }
}
