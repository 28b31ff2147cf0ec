package io.pharos.promql.internal;

import java.util.List;

/**
 * How a binary operation between two instant vectors matches their series: {@code on(...)} or
 * {@code ignoring(...)}, {@code group_left(...)}/{@code group_right(...)}, and the experimental
 * {@code fill(...)} modifiers.
 *
 * @param labels the labels of {@code on}/{@code ignoring}; empty when neither is written
 * @param on whether {@link #labels} are the ones to match on (else the ones to ignore)
 * @param include the extra labels of {@code group_left}/{@code group_right}
 * @param fillLeft the value for series missing on the left-hand side, or null
 * @param fillRight the value for series missing on the right-hand side, or null
 */
record VectorMatching(Cardinality card, List<String> labels, boolean on, List<String> include, Double fillLeft,
        Double fillRight) {

    enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }

    VectorMatching {
        labels = List.copyOf(labels);
        include = List.copyOf(include);
    }

    boolean hasFill() {
        return fillLeft != null || fillRight != null;
    }

    /** Whether anything was written beyond the operator (the default is one-to-one, no labels). */
    boolean isDefault() {
        return labels.isEmpty() && !on && include.isEmpty() && !hasFill()
                && (card == Cardinality.ONE_TO_ONE || card == Cardinality.MANY_TO_MANY);
    }
}
