package io.pharos.scrape;

import io.pharos.spi.model.MetricType;

/**
 * What a target's exposition said about one metric family ({@code # HELP}, {@code # TYPE},
 * {@code # UNIT}), as {@code /api/v1/metadata} reports it.
 *
 * @param metric the metric family name
 * @param type the family's type; {@link MetricType#UNKNOWN} without a TYPE line
 * @param help the help text, unescaped; empty without a HELP line
 * @param unit the unit (OpenMetrics); empty when none
 */
public record MetricMetadata(String metric, MetricType type, String help, String unit) {
}
