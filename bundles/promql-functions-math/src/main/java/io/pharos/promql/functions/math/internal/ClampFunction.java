package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code clamp(v instant-vector, min scalar, max scalar)}: values limited to [min, max]; an empty
 * result when max &lt; min.
 */
@Component(service = PromQLFunction.class)
public final class ClampFunction extends AbstractPromQLFunction {
    public ClampFunction() {
        super("clamp", ValueType.VECTOR, List.of(ValueType.VECTOR, ValueType.SCALAR, ValueType.SCALAR));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        Clamping.clamp(call.vector(0), call.scalar(1), call.scalar(2), out);
    }
}
