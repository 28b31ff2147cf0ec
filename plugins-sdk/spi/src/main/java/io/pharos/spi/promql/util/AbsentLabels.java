package io.pharos.spi.promql.util;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MatchType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The labels of an {@code absent} or {@code absent_over_time} result, built from the selector's
 * matchers ({@link io.pharos.spi.promql.FunctionCall#selectorMatchers}) as Prometheus does. The
 * matchers are the same at every step, so callers usually build the labels once per query with
 * {@link io.pharos.spi.promql.FunctionCall#memo}.
 */
public final class AbsentLabels {
    private AbsentLabels() {
    }

    /**
     * The first equality matcher of each label name sets it; any later matcher of the same name, or
     * any other kind of matcher, removes it ({@code x{job="a",job="b"}} gives no job). The metric
     * name is never included. No matchers (the argument is not a selector) give empty labels.
     */
    public static Labels of(List<LabelMatcher> matchers) {
        if (matchers.isEmpty()) {
            return Labels.EMPTY;
        }
        Labels.Builder b = Labels.builder();
        Set<String> seen = new HashSet<>();
        for (LabelMatcher m : matchers) {
            if (m.name().equals(Labels.METRIC_NAME)) {
                continue;
            }
            if (m.type() == MatchType.EQUAL && seen.add(m.name())) {
                b.set(m.name(), m.value());
            } else {
                b.remove(m.name());
            }
        }
        return b.build();
    }
}
