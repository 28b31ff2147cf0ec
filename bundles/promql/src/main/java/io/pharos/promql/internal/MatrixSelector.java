package io.pharos.promql.internal;

import io.pharos.spi.promql.ValueType;

/**
 * A range vector selector such as {@code foo[5m]}; its offset, {@code @} and anchored/smoothed
 * modifiers are on {@link #selector()}, where Prometheus keeps them too.
 *
 * @param rangeMs the range when written as a number or duration, else 0
 * @param rangeExpr the range when written as a duration expression ({@code foo[step() * 2]}), else null
 * @param position from the selector to the end of the last modifier
 */
record MatrixSelector(VectorSelector selector, long rangeMs, DurationExpr rangeExpr, PositionRange position)
        implements Expr {
    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }

    MatrixSelector withSelector(VectorSelector vs, int end) {
        return new MatrixSelector(vs, rangeMs, rangeExpr, new PositionRange(position.start(), end));
    }
}
