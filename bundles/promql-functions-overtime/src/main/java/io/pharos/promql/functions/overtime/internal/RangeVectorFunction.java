package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;

/**
 * A function of a range vector that returns an instant vector. Output labels are the series' own;
 * the engine drops {@code __name__} unless {@link #keepsMetricName()}.
 */
abstract class RangeVectorFunction implements PromQLFunction {
    static final List<ValueType> MATRIX_ONLY = List.of(ValueType.MATRIX);

    private final String name;
    private final boolean experimental;

    RangeVectorFunction(String name, boolean experimental) {
        this.name = name;
        this.experimental = experimental;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public List<ValueType> argTypes() {
        return MATRIX_ONLY;
    }

    @Override
    public final ValueType returnType() {
        return ValueType.VECTOR;
    }

    @Override
    public final boolean experimental() {
        return experimental;
    }
}
