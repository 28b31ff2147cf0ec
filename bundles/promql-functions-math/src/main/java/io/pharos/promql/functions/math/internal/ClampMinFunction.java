package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@code clamp_min(v instant-vector, min scalar)}: values raised to at least min. */
@Component(service = PromQLFunction.class)
public final class ClampMinFunction extends AbstractPromQLFunction {
    public ClampMinFunction() {
        super("clamp_min", ValueType.VECTOR, List.of(ValueType.VECTOR, ValueType.SCALAR));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        Clamping.clamp(call.vector(0), call.scalar(1), Double.POSITIVE_INFINITY, out);
    }
}
