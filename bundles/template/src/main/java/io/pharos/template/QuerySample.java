package io.pharos.template;

import java.util.Map;

/**
 * One sample of a {@code query} result, as templates see it: {@code .Labels} and {@code .Value}.
 */
public record QuerySample(Map<String, String> labels, double value) {
    public QuerySample {
        labels = Map.copyOf(labels);
    }
}
