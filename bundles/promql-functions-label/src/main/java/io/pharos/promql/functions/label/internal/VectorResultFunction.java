package io.pharos.promql.functions.label.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;

/** A function returning an instant vector, with a fixed signature. */
abstract class VectorResultFunction implements PromQLFunction {
    private final String name;
    private final List<ValueType> argTypes;
    private final int variadic;

    VectorResultFunction(String name, List<ValueType> argTypes, int variadic) {
        this.name = name;
        this.argTypes = argTypes;
        this.variadic = variadic;
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
    public final int variadic() {
        return variadic;
    }

    @Override
    public final ValueType returnType() {
        return ValueType.VECTOR;
    }
}
