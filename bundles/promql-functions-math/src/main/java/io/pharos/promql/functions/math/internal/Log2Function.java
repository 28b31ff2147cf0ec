package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code log2(v instant-vector)}: the binary logarithm of each value (exact for powers of two). */
@Component(service = PromQLFunction.class)
public final class Log2Function extends ElementwiseFunction {
    public Log2Function() {
        super("log2");
    }

    @Override
    double apply(double v) {
        return GoMath.log2(v);
    }
}
