package io.pharos.promql.internal;

import io.pharos.spi.promql.ValueType;
import java.util.List;

/** A function call such as {@code rate(foo[5m])}; {@link #function()} is its resolved signature. */
record Call(FunctionSignature function, List<Expr> args, PositionRange position) implements Expr {
    Call {
        args = List.copyOf(args);
    }

    @Override
    public ValueType type() {
        return function.returnType();
    }
}
