package io.pharos.promql.functions.time.internal;

import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@code time()}: the evaluation time in seconds since the epoch, as a scalar. */
@Component(service = PromQLFunction.class)
public final class TimeFunction implements PromQLFunction {
    @Override
    public String name() {
        return "time";
    }

    @Override
    public List<ValueType> argTypes() {
        return List.of();
    }

    @Override
    public ValueType returnType() {
        return ValueType.SCALAR;
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        out.scalar(call.time() / 1000.0);
    }
}
