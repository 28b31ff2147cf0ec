package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@code min_of(a scalar, b scalar)} (experimental): the smaller scalar, with Go's {@code math.Min} rules. */
@Component(service = PromQLFunction.class)
public final class MinOfFunction extends AbstractPromQLFunction {
    public MinOfFunction() {
        super("min_of", ValueType.SCALAR, List.of(ValueType.SCALAR, ValueType.SCALAR));
        setExperimental();
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        out.scalar(GoMath.min(call.scalar(0), call.scalar(1)));
    }
}
