package io.pharos.promql.functions.label.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@code sort_desc(v instant-vector)}: the samples by descending value, NaN last. Keeps the metric name. */
@Component(service = PromQLFunction.class)
public final class SortDescFunction extends AbstractPromQLFunction {
    private static final Sorting.Order DESCENDING = (v, a, b) -> {
        double x = v.value(a);
        double y = v.value(b);
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return SortFunction.compare(x, y); // NaN stays last
        }
        return -SortFunction.compare(x, y);
    };

    public SortDescFunction() {
        super("sort_desc", ValueType.VECTOR, List.of(ValueType.VECTOR));
        setKeepsMetricName();
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        call.memo(Sorting.class, Sorting::new).write(call.vector(0), DESCENDING, out);
    }
}
