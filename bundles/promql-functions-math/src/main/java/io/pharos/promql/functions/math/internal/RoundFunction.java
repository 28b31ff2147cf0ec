package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.InstantVector;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code round(v instant-vector, to_nearest=1 scalar)}: each value rounded to the nearest multiple
 * of {@code to_nearest}, ties rounded up.
 */
@Component(service = PromQLFunction.class)
public final class RoundFunction extends AbstractPromQLFunction {
    public RoundFunction() {
        super("round", ValueType.VECTOR, List.of(ValueType.VECTOR, ValueType.SCALAR));
        setVariadic(1);
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        double toNearest = call.argCount() > 1 ? call.scalar(1) : 1;
        // Prometheus divides by the inverse: it causes fewer floating point surprises than multiplying
        double inverse = 1.0 / toNearest;
        InstantVector v = call.vector(0);
        for (int i = 0, n = v.size(); i < n; i++) {
            out.add(v.labels(i), Math.floor(v.value(i) * inverse + 0.5) / inverse);
        }
    }
}
