package io.pharos.promql.internal;

import io.pharos.spi.promql.ValueType;

/**
 * A subquery such as {@code rate(foo[1m])[1h:5m] offset 1d}. Durations written as numbers or
 * durations are kept in milliseconds (the {@code ...Ms} components), those written as duration
 * expressions in the {@code ...Expr} components; at most one of each pair is set.
 *
 * @param stepMs the step, 0 when omitted ({@code [1h:]}: the engine's default resolution)
 * @param at the {@code @} modifier, or null
 * @param position from the inner expression to the end of the last modifier
 */
record SubqueryExpr(Expr expr, long rangeMs, DurationExpr rangeExpr, long stepMs, DurationExpr stepExpr,
        long offsetMs, DurationExpr offsetExpr, AtModifier at, PositionRange position) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }

    boolean hasOffset() {
        return offsetMs != 0 || offsetExpr != null;
    }

    SubqueryExpr withOffset(long ms, DurationExpr newExpr, int end) {
        return new SubqueryExpr(expr, rangeMs, rangeExpr, stepMs, stepExpr, ms, newExpr, at,
                new PositionRange(position.start(), end));
    }

    SubqueryExpr withAt(AtModifier newAt, int end) {
        return new SubqueryExpr(expr, rangeMs, rangeExpr, stepMs, stepExpr, offsetMs, offsetExpr, newAt,
                new PositionRange(position.start(), end));
    }
}
