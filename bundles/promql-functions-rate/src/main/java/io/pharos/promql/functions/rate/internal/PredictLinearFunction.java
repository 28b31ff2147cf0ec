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
 * {@code predict_linear(v range-vector, t scalar)}: the value a least-squares fit over the range
 * predicts {@code t} seconds after the evaluation time (not after the range end, which differs with
 * {@code @} or offset). Needs two samples.
 */
@Component(service = PromQLFunction.class)
public final class PredictLinearFunction extends AbstractPromQLFunction {
    public PredictLinearFunction() {
        super("predict_linear", ValueType.VECTOR, List.of(ValueType.MATRIX, ValueType.SCALAR));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        RangeVector m = call.matrix(0);
        double seconds = call.scalar(1);
        long time = call.time();
        for (int s = 0, size = m.size(); s < size; s++) {
            int n = m.sampleCount(s);
            if (n >= 2) {
                out.add(m.labels(s), LinearRegression.predict(m, s, n, time, seconds));
            }
        }
    }
}
