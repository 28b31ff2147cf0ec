package io.pharos.promql.functions.label.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code sort_by_label(v instant-vector, label string...)} (experimental): the samples ordered by the
 * given labels' values in natural order (so "2" before "10"), then by their whole label sets. Keeps
 * the metric name.
 */
@Component(service = PromQLFunction.class)
public final class SortByLabelFunction extends AbstractPromQLFunction {
    public SortByLabelFunction() {
        super("sort_by_label", ValueType.VECTOR, List.of(ValueType.VECTOR, ValueType.STRING));
        setVariadic(-1);
        setExperimental();
        setKeepsMetricName();
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        LabelOrder order = call.memo(LabelOrder.class, () -> LabelOrder.of(call, false));
        call.memo(Sorting.class, Sorting::new).write(call.vector(0), order, out);
    }
}
