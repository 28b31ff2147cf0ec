package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code idelta(v range-vector)}: the difference between the last two samples of a gauge. */
@Component(service = PromQLFunction.class)
public final class IdeltaFunction extends RangeFunction {
    public IdeltaFunction() {
        super("idelta", MATRIX_ONLY);
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        InstantRate.evaluate(call, out, false);
    }
}
