package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;

/** A function of a range vector (and maybe scalars) that returns an instant vector. */
abstract class RangeFunction implements PromQLFunction {
    static final List<ValueType> MATRIX_ONLY = List.of(ValueType.MATRIX);

    private final String name;
    private final List<ValueType> argTypes;

    RangeFunction(String name, List<ValueType> argTypes) {
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
