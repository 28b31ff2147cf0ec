package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code quantile_over_time(q scalar, v range-vector)}: the q-quantile of the values in the range,
 * interpolated between ranks; NaN counts as the smallest value. A q outside [0, 1] gives -Inf or
 * +Inf (NaN for a NaN q) and a warning.
 */
@Component(service = PromQLFunction.class)
public final class QuantileOverTimeFunction extends AbstractPromQLFunction {
    public QuantileOverTimeFunction() {
        super("quantile_over_time", ValueType.VECTOR, List.of(ValueType.SCALAR, ValueType.MATRIX));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        double q = call.scalar(0);
        RangeVector m = call.matrix(1);
        Scratch scratch = call.memo(Scratch.class, Scratch::new);
        boolean warned = false;
        for (int s = 0, size = m.size(); s < size; s++) {
            int n = m.sampleCount(s);
            if (n == 0) {
                continue;
            }
            if (!warned && (Double.isNaN(q) || q < 0 || q > 1)) {
                // Prometheus warns only when there is a series to compute
                call.warn(0, "quantile value should be between 0 and 1, got " + GoFormat.g(q));
                warned = true;
            }
            double[] values = scratch.get(n);
            for (int i = 0; i < n; i++) {
                values[i] = m.value(s, i);
            }
            out.add(m.labels(s), Quantiles.quantile(q, values, n));
        }
    }
}
