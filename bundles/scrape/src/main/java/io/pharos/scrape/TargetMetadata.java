package io.pharos.scrape;

import io.pharos.spi.model.Labels;
import java.util.List;

/**
 * The metric metadata one active target exposed recently.
 *
 * @param scrapePool the job of the target
 * @param labels the target's labels (as {@link TargetStatus#labels()})
 * @param metadata one entry per metric family, sorted by name
 */
public record TargetMetadata(String scrapePool, Labels labels, List<MetricMetadata> metadata) {
    public TargetMetadata {
        metadata = List.copyOf(metadata);
    }
}
