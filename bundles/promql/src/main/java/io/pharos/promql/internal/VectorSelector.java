package io.pharos.promql.internal;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.promql.ValueType;
import java.util.List;

/**
 * An instant vector selector such as {@code foo{job="api"} offset 5m @ 1700000000}. As in
 * Prometheus, a range selector's modifiers live on the selector inside it.
 *
 * @param name the metric name written before the braces, or null (it may still be given as a
 *             {@code __name__} matcher inside them)
 * @param matchers every matcher, those in braces in written order followed by the
 *                 {@code __name__} matcher for {@code name}, as Prometheus orders them
 * @param offsetMs the offset when written as a number or duration (0 if none); Prometheus keeps
 *                 nanoseconds but evaluates and prints milliseconds, so that is what is kept
 * @param offsetExpr the offset when written as a duration expression ({@code offset (1h + 5m)}),
 *                   else null
 * @param at the {@code @} modifier, or null
 * @param extension the experimental {@code anchored}/{@code smoothed} modifier
 * @param position where the selector is written, including offset and {@code @} modifiers
 */
record VectorSelector(String name, List<LabelMatcher> matchers, long offsetMs, DurationExpr offsetExpr,
        AtModifier at, Extension extension, PositionRange position) implements Expr {

    /** The experimental range selector modifiers (Prometheus' extended range selectors). */
    enum Extension { NONE, ANCHORED, SMOOTHED }

    VectorSelector {
        matchers = List.copyOf(matchers);
    }

    /** A selector without modifiers. */
    VectorSelector(String name, List<LabelMatcher> matchers, PositionRange position) {
        this(name, matchers, 0, null, null, Extension.NONE, position);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }

    /** Whether an offset is set; a zero offset counts as none, as in Prometheus. */
    boolean hasOffset() {
        return offsetMs != 0 || offsetExpr != null;
    }

    /** Whether any of offset, {@code @} or anchored/smoothed is set. */
    boolean hasModifiers() {
        return hasOffset() || at != null || extension != Extension.NONE;
    }

    VectorSelector withOffset(long ms, DurationExpr expr, int end) {
        return new VectorSelector(name, matchers, ms, expr, at, extension, new PositionRange(position.start(), end));
    }

    VectorSelector withAt(AtModifier newAt, int end) {
        return new VectorSelector(name, matchers, offsetMs, offsetExpr, newAt, extension,
                new PositionRange(position.start(), end));
    }

    VectorSelector withExtension(Extension newExtension) {
        return new VectorSelector(name, matchers, offsetMs, offsetExpr, at, newExtension, position);
    }
}
