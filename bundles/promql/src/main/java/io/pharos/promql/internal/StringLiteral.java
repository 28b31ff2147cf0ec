package io.pharos.promql.internal;

import io.pharos.spi.promql.ValueType;
import java.util.Objects;

/** A string literal, already unescaped. */
record StringLiteral(String value, PositionRange position) implements Expr {
    StringLiteral {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public ValueType type() {
        return ValueType.STRING;
    }
}
