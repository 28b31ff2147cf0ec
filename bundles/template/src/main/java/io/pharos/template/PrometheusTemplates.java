package io.pharos.template;

import io.pharos.template.internal.PromFunctions;
import java.util.HashMap;
import java.util.Map;

/**
 * Alerting-rule label and annotation templates as Prometheus expands them: the template text is
 * prefixed with Prometheus' variable header, so {@code $labels}, {@code $externalLabels},
 * {@code $externalURL} and {@code $value} are defined, and Prometheus' template functions are
 * available.
 */
public final class PrometheusTemplates {
    /** Prometheus' header, prepended to every label and annotation template. */
    static final String HEADER = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
            + "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

    private PrometheusTemplates() {
    }

    /**
     * Expands one template.
     *
     * @param name e.g. {@code __alert_<alertname>}, used in error messages
     * @throws TemplateException {@code error parsing template <name>: ...} or
     *     {@code error executing template <name>: ...}, as Prometheus words them
     */
    public static String expand(String name, String text, Map<String, String> labels, double value,
            Map<String, String> externalLabels, String externalUrl, long timestampMillis, QueryFunction query)
            throws TemplateException {
        GoTemplate t;
        try {
            t = GoTemplate.parse(name, HEADER + text, functions(query, externalUrl, timestampMillis));
        } catch (TemplateException e) {
            throw new TemplateException("error parsing template " + name + ": " + e.getMessage(), e);
        }
        Map<String, Object> data = new HashMap<>();
        data.put("Labels", emptyWhenMissing(labels));
        data.put("ExternalLabels", emptyWhenMissing(externalLabels));
        data.put("ExternalURL", externalUrl);
        data.put("Value", value);
        try {
            return t.execute(data);
        } catch (TemplateException e) {
            throw new TemplateException("error executing template " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Prometheus executes alert templates with Go's {@code missingkey=zero}: {@code $labels.nope}
     * is the empty string, not {@code <no value>}.
     */
    private static Map<String, String> emptyWhenMissing(Map<String, String> labels) {
        return new HashMap<>(labels == null ? Map.of() : labels) {
            private static final long serialVersionUID = 1L;

            @Override
            public String get(Object key) {
                return getOrDefault(key, "");
            }
        };
    }

    /**
     * Parses an alert template without running it, as {@code promtool check rules} and the rule
     * loader do: the error is Go's, e.g. {@code template: __alert_X:1: undefined variable "$label"}.
     *
     * @throws TemplateException when the template does not parse
     */
    public static void check(String name, String text) throws TemplateException {
        GoTemplate.parse(name, HEADER + text, functions(null, "", 0));
    }

    /** Prometheus' template functions ({@code query}, {@code humanize}, ...), for use with {@link GoTemplate}. */
    public static Map<String, TemplateFunction> functions(QueryFunction query, String externalUrl,
            long timestampMillis) {
        return PromFunctions.create(query, externalUrl, timestampMillis);
    }
}
