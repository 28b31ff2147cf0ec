package io.pharos.rules.internal;

import java.util.Map;

/**
 * Expands the Go templates of alert labels and annotations ({@code {{ $labels.x }}},
 * {@code {{ $value }}}, ...); {@link GoTemplateExpander} in production, simpler ones in tests.
 */
public interface TemplateExpander {
    /**
     * @param name the template's name, {@code __alert_<alertname>} as in Prometheus
     * @param text the template
     * @param labels the labels of the sample that made the alert active
     * @param value its value
     * @param timestampMillis the evaluation time
     * @throws Exception with the reason when the template cannot be expanded
     */
    String expand(String name, String text, Map<String, String> labels, double value, long timestampMillis)
            throws Exception;
}
