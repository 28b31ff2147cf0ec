package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@code pi()}: the scalar pi. */
@Component(service = PromQLFunction.class)
public final class PiFunction extends AbstractPromQLFunction {
    public PiFunction() {
        super("pi", ValueType.SCALAR, List.of());
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        out.scalar(Math.PI);
    }
}
