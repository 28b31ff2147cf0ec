package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@code clamp_max(v instant-vector, max scalar)}: values lowered to at most max. */
@Component(service = PromQLFunction.class)
public final class ClampMaxFunction extends AbstractPromQLFunction {
    public ClampMaxFunction() {
        super("clamp_max", ValueType.VECTOR, List.of(ValueType.VECTOR, ValueType.SCALAR));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        Clamping.clamp(call.vector(0), Double.NEGATIVE_INFINITY, call.scalar(1), out);
    }
}
