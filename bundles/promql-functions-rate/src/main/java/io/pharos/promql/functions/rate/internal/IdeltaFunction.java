package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@code idelta(v range-vector)}: the difference between the last two samples of a gauge. */
@Component(service = PromQLFunction.class)
public final class IdeltaFunction extends AbstractPromQLFunction {
    public IdeltaFunction() {
        super("idelta", ValueType.VECTOR, List.of(ValueType.MATRIX));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        InstantRate.evaluate(call, out, false);
    }
}
