package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@code rate(v range-vector)}: the per-second average rate of increase of a counter over the range, corrected for resets and extrapolated to the range boundaries. See {@link Extrapolation}. */
@Component(service = PromQLFunction.class)
public final class RateFunction extends AbstractPromQLFunction {
    public RateFunction() {
        super("rate", ValueType.VECTOR, List.of(ValueType.MATRIX));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        Extrapolation.evaluate(call, out, true, true);
    }
}
