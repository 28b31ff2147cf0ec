package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code rate(v range-vector)}: the per-second average rate of increase of a counter over the range, corrected for resets and extrapolated to the range boundaries. See {@link Extrapolation}. */
@Component(service = PromQLFunction.class)
public final class RateFunction extends RangeFunction {
    public RateFunction() {
        super("rate", MATRIX_ONLY);
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        Extrapolation.evaluate(call, out, true, true);
    }
}
