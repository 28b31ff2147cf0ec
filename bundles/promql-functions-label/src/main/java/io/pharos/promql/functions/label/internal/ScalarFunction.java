package io.pharos.promql.functions.label.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.InstantVector;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@code scalar(v instant-vector)}: the value of the only sample, or NaN for none or several. */
@Component(service = PromQLFunction.class)
public final class ScalarFunction extends AbstractPromQLFunction {
    public ScalarFunction() {
        super("scalar", ValueType.SCALAR, List.of(ValueType.VECTOR));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        InstantVector v = call.vector(0);
        out.scalar(v.size() == 1 ? v.value(0) : Double.NaN);
    }
}
