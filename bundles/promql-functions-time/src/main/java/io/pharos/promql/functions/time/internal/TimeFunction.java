package io.pharos.promql.functions.time.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@code time()}: the evaluation time in seconds since the epoch, as a scalar. */
@Component(service = PromQLFunction.class)
public final class TimeFunction extends AbstractPromQLFunction {
    public TimeFunction() {
        super("time", ValueType.SCALAR, List.of());
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        out.scalar(call.time() / 1000.0);
    }
}
