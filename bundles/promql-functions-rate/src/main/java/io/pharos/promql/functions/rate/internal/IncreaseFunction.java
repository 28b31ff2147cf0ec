package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@code increase(v range-vector)}: the increase of a counter over the range, corrected for resets and extrapolated to the range boundaries. See {@link Extrapolation}. */
@Component(service = PromQLFunction.class)
public final class IncreaseFunction extends AbstractPromQLFunction {
    public IncreaseFunction() {
        super("increase", ValueType.VECTOR, List.of(ValueType.MATRIX));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        Extrapolation.evaluate(call, out, true, false);
    }
}
