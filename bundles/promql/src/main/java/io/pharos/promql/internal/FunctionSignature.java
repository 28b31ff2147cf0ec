package io.pharos.promql.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import java.util.Objects;

/**
 * What the parser knows of a function: its name, argument types, how many trailing arguments are
 * optional or repeat, its result type and whether it is experimental. It has the shape of
 * Prometheus' function table and of {@link PromQLFunction}.
 *
 * @param argTypes the declared argument types, in order
 * @param variadic 0: exactly {@link #argTypes()}; n &gt; 0: the last n arguments are optional;
 *                 -1: the last argument may be given any number of times, including none
 * @param experimental whether calls are rejected unless experimental functions are enabled
 */
record FunctionSignature(String name, List<ValueType> argTypes, int variadic, ValueType returnType,
        boolean experimental) {
    FunctionSignature {
        Objects.requireNonNull(name, "name");
        argTypes = List.copyOf(argTypes);
        Objects.requireNonNull(returnType, "returnType");
        if (variadic < -1 || (variadic != 0 && argTypes.isEmpty())) {
            throw new IllegalArgumentException("bad variadic count " + variadic + " for " + name);
        }
    }

    /** The signature a function service declares. */
    static FunctionSignature of(PromQLFunction f) {
        return new FunctionSignature(f.name(), f.argTypes(), f.variadic(), f.returnType(), f.experimental());
    }

    /** The type argument {@code i} must have; extra arguments of a variadic function take the last type. */
    ValueType argType(int i) {
        return argTypes.get(Math.min(i, argTypes.size() - 1));
    }
}
