package io.pharos.promql.internal;

import io.pharos.spi.promql.ValueType;

/**
 * An experimental duration expression (Prometheus' {@code promql-duration-expr} feature) in a range,
 * subquery step or offset: {@code foo[5m + 30s]}, {@code x offset step() * 2},
 * {@code foo[max_of(step(), 1m)]}. The leaves are {@link NumberLiteral}s (seconds); the value is
 * computed at evaluation time because {@code step()} and {@code range()} depend on the query.
 *
 * @param lhs the left operand of a binary operation or the first argument of {@code min_of}/{@code
 *            max_of}; null for unary operations, {@code step()} and {@code range()}
 * @param rhs the right or only operand; null for {@code step()} and {@code range()}
 * @param wrapped whether the expression is in parentheses
 */
record DurationExpr(Op op, Expr lhs, Expr rhs, boolean wrapped, PositionRange position) implements Expr {

    enum Op { ADD, SUB, MUL, DIV, MOD, POW, STEP, RANGE, MIN_OF, MAX_OF }

    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }

    DurationExpr wrap(PositionRange where) {
        return new DurationExpr(op, lhs, rhs, true, where);
    }

    /** The binary operation for an arithmetic token, or null. */
    static Op binary(TokenKind kind) {
        return switch (kind) {
            case ADD -> Op.ADD;
            case SUB -> Op.SUB;
            case MUL -> Op.MUL;
            case DIV -> Op.DIV;
            case MOD -> Op.MOD;
            case POW -> Op.POW;
            default -> null;
        };
    }
}
