package io.pharos.promql.functions.histogram.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code histogram_quantiles(b instant-vector, label string, q scalar, q scalar...)} (experimental):
 * up to ten quantiles of each classic histogram at once, each output carrying its quantile in
 * {@code label} (formatted as in OpenMetrics: "0.5", "1.0"). Otherwise as
 * {@code histogram_quantile}.
 */
@Component(service = PromQLFunction.class)
public final class HistogramQuantilesFunction extends AbstractPromQLFunction {
    public HistogramQuantilesFunction() {
        super("histogram_quantiles", ValueType.VECTOR,
                List.of(ValueType.VECTOR, ValueType.STRING, ValueType.SCALAR, ValueType.SCALAR));
        setVariadic(9);
        setExperimental();
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        String label = call.string(1);
        int n = call.argCount();
        for (int i = 2; i < n; i++) {
            Buckets.checkQuantile(call, call.scalar(i), i);
        }
        HistogramState state = HistogramState.of(call);
        state.monotonicity.reset();
        List<Buckets> histograms = state.groups.collect(call, 0);
        for (int i = 2; i < n; i++) {
            double q = call.scalar(i);
            for (Buckets b : histograms) {
                double value = b.quantile(q);
                state.monotonicity.record(b);
                out.add(b.withQuantile(label, q), value);
            }
        }
        state.monotonicity.report(call, 0);
    }
}
