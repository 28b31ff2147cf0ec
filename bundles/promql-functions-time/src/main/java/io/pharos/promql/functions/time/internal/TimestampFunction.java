package io.pharos.promql.functions.time.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.InstantVector;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code timestamp(v instant-vector)}: each sample's timestamp in seconds: the scrape time for a
 * plain selector, the evaluation time for anything computed.
 */
@Component(service = PromQLFunction.class)
public final class TimestampFunction extends AbstractPromQLFunction {
    public TimestampFunction() {
        super("timestamp", ValueType.VECTOR, List.of(ValueType.VECTOR));
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        InstantVector v = call.vector(0);
        for (int i = 0, n = v.size(); i < n; i++) {
            out.add(v.labels(i), v.timestamp(i) / 1000.0);
        }
    }
}
