package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@code max_of(a scalar, b scalar)} (experimental): the larger scalar, with Go's {@code math.Max} rules. */
@Component(service = PromQLFunction.class)
public final class MaxOfFunction extends AbstractPromQLFunction {
    public MaxOfFunction() {
        super("max_of", ValueType.SCALAR, List.of(ValueType.SCALAR, ValueType.SCALAR));
        setExperimental();
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        out.scalar(GoMath.max(call.scalar(0), call.scalar(1)));
    }
}
