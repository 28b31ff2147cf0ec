package io.pharos.promql.functions.time.internal;

import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.InstantVector;
import io.pharos.spi.promql.ValueType;
import java.util.List;

/**
 * A calendar field of Unix times in UTC: {@code f(v=vector(time()) instant-vector)}. Each sample's
 * value is taken as seconds (truncated toward zero, as Go converts it); without an argument the
 * evaluation time is used, with empty labels.
 */
abstract class DateFunction extends AbstractPromQLFunction {
    DateFunction(String name) {
        super(name, ValueType.VECTOR, List.of(ValueType.VECTOR));
        setVariadic(1);
    }

    @Override
    public final void evaluate(FunctionCall call, FunctionOutput out) {
        if (call.argCount() == 0) {
            // Prometheus' default vector(time()), in whole seconds (integer division, toward zero)
            out.add(Labels.EMPTY, field(call.time() / 1000));
            return;
        }
        InstantVector v = call.vector(0);
        for (int i = 0, n = v.size(); i < n; i++) {
            out.add(v.labels(i), field(GoTime.truncate(v.value(i))));
        }
    }

    /** The field of the time {@code epochSeconds}. */
    abstract double field(long epochSeconds);
}
