package io.pharos.promql.functions.histogram.internal;

import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;

/** A function over classic histograms, returning an instant vector without metric names. */
abstract class HistogramFunction implements PromQLFunction {
    private final String name;
    private final List<ValueType> argTypes;

    HistogramFunction(String name, List<ValueType> argTypes) {
        this.name = name;
        this.argTypes = argTypes;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<ValueType> argTypes() {
        return argTypes;
    }

    @Override
    public final ValueType returnType() {
        return ValueType.VECTOR;
    }

    /** The per-query state of this call site. */
    static State state(FunctionCall call) {
        return call.memo(State.class, State::new);
    }

    /** Prometheus' warning for a quantile outside [0, 1], issued whatever the input. */
    static void checkQuantile(FunctionCall call, double q) {
        if (Double.isNaN(q) || q < 0 || q > 1) {
            call.warn("quantile value should be between 0 and 1, got " + GoFloats.g(q));
        }
    }

    static final class State {
        final BucketGroups groups = new BucketGroups();
        final Monotonicity monotonicity = new Monotonicity();
    }
}
