package io.pharos.promql.internal;

import io.pharos.spi.promql.ValueType;

/** A number such as {@code 1}, {@code 0x1f}, {@code 1.5e3}, {@code Inf} or {@code -2}. */
record NumberLiteral(double value, PositionRange position) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }
}
