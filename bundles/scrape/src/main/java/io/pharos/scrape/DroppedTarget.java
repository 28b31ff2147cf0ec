package io.pharos.scrape;

import io.pharos.spi.model.Labels;

/** A discovered target that target relabeling dropped. */
public record DroppedTarget(String scrapePool, Labels discoveredLabels) {
}
