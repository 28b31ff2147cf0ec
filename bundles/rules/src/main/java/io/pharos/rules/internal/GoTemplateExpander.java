package io.pharos.rules.internal;

import io.pharos.promql.Sample;
import io.pharos.template.PrometheusTemplates;
import io.pharos.template.QueryFunction;
import io.pharos.template.QuerySample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands alert labels and annotations with the Go text/template engine and Prometheus' template
 * functions ({@code humanize}, {@code query}, ...), with the rule group's external labels and URL.
 */
final class GoTemplateExpander implements TemplateExpander {
    private final Map<String, String> externalLabels;
    private final String externalUrl;
    private final QueryFunction query;

    GoTemplateExpander(Map<String, String> externalLabels, String externalUrl, QueryFunc rules) {
        this.externalLabels = Map.copyOf(externalLabels);
        this.externalUrl = externalUrl;
        this.query = (expr, t) -> {
            List<QuerySample> out = new ArrayList<>();
            for (Sample s : rules.query(expr, t)) {
                Map<String, String> labels = new LinkedHashMap<>();
                s.labels().forEach(labels::put);
                out.add(new QuerySample(labels, s.v()));
            }
            return out;
        };
    }

    @Override
    public String expand(String name, String text, Map<String, String> labels, double value, long timestampMillis)
            throws Exception {
        if (!text.contains("{{")) {
            return text; // most label values: no template to parse
        }
        return PrometheusTemplates.expand(name, text, labels, value, externalLabels, externalUrl, timestampMillis,
                query);
    }
}
