package io.pharos.promql.functions.label.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@code sort(v instant-vector)}: the samples by ascending value, NaN last. Keeps the metric name. */
@Component(service = PromQLFunction.class)
public final class SortFunction extends AbstractPromQLFunction {
    private static final Sorting.Order ASCENDING = (v, a, b) -> compare(v.value(a), v.value(b));

    public SortFunction() {
        super("sort", ValueType.VECTOR, List.of(ValueType.VECTOR));
        setKeepsMetricName();
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        call.memo(Sorting.class, Sorting::new).write(call.vector(0), ASCENDING, out);
    }

    /** Ascending with NaN after every number; equal values (and -0, +0) compare equal. */
    static int compare(double x, double y) {
        if (Double.isNaN(x)) {
            return Double.isNaN(y) ? 0 : 1;
        } else if (Double.isNaN(y)) {
            return -1;
        }
        return x < y ? -1 : x > y ? 1 : 0;
    }
}
