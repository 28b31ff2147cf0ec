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
 * {@code start_timestamp(v instant-vector)} (experimental): each sample's start timestamp in
 * seconds, 0 when unknown. Only a plain selector's samples have one, and only when the engine uses
 * start timestamps; for anything computed the result is empty, as in Prometheus.
 */
@Component(service = PromQLFunction.class)
public final class StartTimestampFunction extends AbstractPromQLFunction {
    public StartTimestampFunction() {
        super("start_timestamp", ValueType.VECTOR, List.of(ValueType.VECTOR));
        setExperimental();
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        InstantVector v = call.vector(0);
        if (!v.hasStartTimestamps()) {
            return;
        }
        for (int i = 0, n = v.size(); i < n; i++) {
            out.add(v.labels(i), v.startTimestamp(i) / 1000.0);
        }
    }
}
