package io.pharos.rules.internal;

import java.time.Duration;
import java.util.Map;

/**
 * One rule as written in a rule file. Exactly one of {@code record} and {@code alert} is non-empty
 * once validated.
 *
 * @param record the metric name a recording rule writes, or ""
 * @param alert the name of an alerting rule, or ""
 * @param expr the PromQL expression
 * @param holdDuration {@code for}
 * @param keepFiringFor {@code keep_firing_for}
 * @param labels the rule's labels (templates for alerting rules)
 * @param annotations the annotation templates
 */
record RuleSpec(String record, String alert, String expr, Duration holdDuration, Duration keepFiringFor,
                Map<String, String> labels, Map<String, String> annotations) {
    RuleSpec {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    boolean isAlerting() {
        return !alert.isEmpty();
    }

    String name() {
        return isAlerting() ? alert : record;
    }
}
