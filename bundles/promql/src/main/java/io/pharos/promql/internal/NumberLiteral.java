package io.pharos.promql.internal;

import io.pharos.spi.promql.ValueType;

/**
 * A number such as {@code 1}, {@code 0x1f}, {@code 1.5e3}, {@code Inf} or {@code -2}, or a duration
 * written where a number may stand ({@code 5m}, worth 300): Prometheus 3 accepts both and remembers
 * which, so that the query prints back as written.
 *
 * @param value the value; seconds for a duration
 * @param duration whether it was written as a duration
 */
record NumberLiteral(double value, boolean duration, PositionRange position) implements Expr {
    NumberLiteral(double value, PositionRange position) {
        this(value, false, position);
    }

    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }
}
