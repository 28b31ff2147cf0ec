package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code log10(v instant-vector)}: the decimal logarithm of each value. */
@Component(service = PromQLFunction.class)
public final class Log10Function extends ElementwiseFunction {
    public Log10Function() {
        super("log10");
    }

    @Override
    double apply(double v) {
        return GoMath.log10(v);
    }
}
