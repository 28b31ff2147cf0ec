package io.pharos.promql.functions.label.internal;

import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@code vector(s scalar)}: the scalar as a one-sample vector without labels. */
@Component(service = PromQLFunction.class)
public final class VectorFunction extends AbstractPromQLFunction {
    public VectorFunction() {
        super("vector", ValueType.VECTOR, List.of(ValueType.SCALAR));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        out.add(Labels.EMPTY, call.scalar(0));
    }
}
