package io.pharos.promql.functions.histogram.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code histogram_fraction(lower scalar, upper scalar, b instant-vector)} over classic histograms:
 * the estimated fraction of observations between lower and upper ({@link Buckets#fraction}). Warns
 * about missing or malformed {@code le} labels.
 */
@Component(service = PromQLFunction.class)
public final class HistogramFractionFunction extends AbstractPromQLFunction {
    public HistogramFractionFunction() {
        super("histogram_fraction", ValueType.VECTOR, List.of(ValueType.SCALAR, ValueType.SCALAR, ValueType.VECTOR));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        double lower = call.scalar(0);
        double upper = call.scalar(1);
        for (Buckets b : HistogramState.of(call).groups.collect(call, 2)) {
            out.add(b.labels, b.fraction(lower, upper));
        }
    }
}
