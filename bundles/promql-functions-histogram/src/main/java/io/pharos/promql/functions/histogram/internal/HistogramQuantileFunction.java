package io.pharos.promql.functions.histogram.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code histogram_quantile(q scalar, b instant-vector)} over classic histograms: for each group of
 * {@code le} bucket series, the q-quantile ({@link Buckets#quantile}). Warns about a q outside
 * [0, 1] and about missing or malformed {@code le} labels; reports an info when bucket counts had
 * to be made monotonic. Native histograms are not supported by the SPI yet.
 */
@Component(service = PromQLFunction.class)
public final class HistogramQuantileFunction extends AbstractPromQLFunction {
    public HistogramQuantileFunction() {
        super("histogram_quantile", ValueType.VECTOR, List.of(ValueType.SCALAR, ValueType.VECTOR));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        double q = call.scalar(0);
        Buckets.checkQuantile(call, q, 0);
        HistogramState state = HistogramState.of(call);
        state.monotonicity.reset();
        for (Buckets b : state.groups.collect(call, 1)) {
            double value = b.quantile(q);
            state.monotonicity.record(b);
            out.add(b.labels, value);
        }
        state.monotonicity.report(call, 1);
    }
}
