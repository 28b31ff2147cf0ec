package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code delta(v range-vector)}: the change of a gauge over the range, extrapolated to the range boundaries. See {@link Extrapolation}. */
@Component(service = PromQLFunction.class)
public final class DeltaFunction extends RangeFunction {
    public DeltaFunction() {
        super("delta", MATRIX_ONLY);
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        Extrapolation.evaluate(call, out, false, false);
    }
}
