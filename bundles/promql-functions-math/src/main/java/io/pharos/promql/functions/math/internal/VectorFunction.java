package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;

/** A function whose result is an instant vector; the engine drops {@code __name__} from it. */
abstract class VectorFunction implements PromQLFunction {
    private final String name;
    private final List<ValueType> argTypes;

    VectorFunction(String name, List<ValueType> argTypes) {
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
}
