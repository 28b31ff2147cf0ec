package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code increase(v range-vector)}: the increase of a counter over the range, corrected for resets and extrapolated to the range boundaries. See {@link Extrapolation}. */
@Component(service = PromQLFunction.class)
public final class IncreaseFunction extends RangeFunction {
    public IncreaseFunction() {
        super("increase", MATRIX_ONLY);
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        Extrapolation.evaluate(call, out, true, false);
    }
}
