package io.pharos.promql.internal;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.promql.ValueType;
import java.util.List;

/**
 * An instant vector selector such as {@code foo{job="api"}}.
 *
 * @param name the metric name written before the braces, or null (it may still be given as a
 *             {@code __name__} matcher inside them)
 * @param matchers every matcher, those in braces in written order followed by the
 *                 {@code __name__} matcher for {@code name}, as Prometheus orders them
 * @param position where the selector is written
 */
record VectorSelector(String name, List<LabelMatcher> matchers, PositionRange position) implements Expr {
    VectorSelector {
        matchers = List.copyOf(matchers);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }
}
