package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.ValueType;
import io.pharos.spi.promql.util.AbsentLabels;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code absent_over_time(v range-vector)}: nothing if any series has a sample in the range, else one
 * sample of value 1 whose labels come from the selector's equality matchers (see
 * {@link AbsentLabels}).
 */
@Component(service = PromQLFunction.class)
public final class AbsentOverTimeFunction extends AbstractPromQLFunction {
    public AbsentOverTimeFunction() {
        super("absent_over_time", ValueType.VECTOR, List.of(ValueType.MATRIX));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        RangeVector m = call.matrix(0);
        for (int s = 0, size = m.size(); s < size; s++) {
            if (m.sampleCount(s) > 0) {
                return;
            }
        }
        // the matchers are the same at every step: build the labels once per query
        Labels labels = call.memo(AbsentLabels.class, () -> AbsentLabels.of(call.selectorMatchers(0)));
        out.add(labels, 1);
    }
}
