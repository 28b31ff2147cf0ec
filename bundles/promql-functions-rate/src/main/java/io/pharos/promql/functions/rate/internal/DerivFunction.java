package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code deriv(v range-vector)}: the per-second derivative of a gauge, the slope of a least-squares
 * fit over the range. Needs two samples; NaN when a constant series is infinite.
 */
@Component(service = PromQLFunction.class)
public final class DerivFunction extends AbstractPromQLFunction {
    public DerivFunction() {
        super("deriv", ValueType.VECTOR, List.of(ValueType.MATRIX));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        RangeVector m = call.matrix(0);
        for (int s = 0, size = m.size(); s < size; s++) {
            int n = m.sampleCount(s);
            if (n >= 2) {
                // relative to the first sample, as Prometheus does, to avoid precision loss
                out.add(m.labels(s), LinearRegression.slope(m, s, n, m.timestamp(s, 0)));
            }
        }
    }
}
