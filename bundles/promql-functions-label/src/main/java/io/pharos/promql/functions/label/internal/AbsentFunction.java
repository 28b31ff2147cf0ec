package io.pharos.promql.functions.label.internal;

import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import io.pharos.spi.promql.util.AbsentLabels;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code absent(v instant-vector)}: nothing if the vector has a sample, else one sample of value 1
 * whose labels come from the selector's equality matchers ({@link AbsentLabels}); empty labels when
 * the argument is not a plain selector.
 */
@Component(service = PromQLFunction.class)
public final class AbsentFunction extends AbstractPromQLFunction {
    public AbsentFunction() {
        super("absent", ValueType.VECTOR, List.of(ValueType.VECTOR));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        if (call.vector(0).size() > 0) {
            return;
        }
        // the matchers are the same at every step: build the labels once per query
        Labels labels = call.memo(AbsentLabels.class, () -> AbsentLabels.of(call.selectorMatchers(0)));
        out.add(labels, 1);
    }
}
