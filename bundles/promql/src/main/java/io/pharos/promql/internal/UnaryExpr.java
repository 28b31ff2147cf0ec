package io.pharos.promql.internal;

import io.pharos.spi.promql.ValueType;

/**
 * A unary {@code +} or {@code -} on something other than a number literal (those are folded into
 * the literal, as Prometheus does).
 *
 * @param op {@link Operator#ADD} or {@link Operator#SUB}
 */
record UnaryExpr(Operator op, Expr expr, PositionRange position) implements Expr {
    @Override
    public ValueType type() {
        return expr.type();
    }
}
