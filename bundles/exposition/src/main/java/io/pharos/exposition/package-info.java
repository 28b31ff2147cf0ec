/**
 * Exposition formats. {@link io.pharos.exposition.ExpositionParser} is the pull parser the scrape
 * loop reads any body through, without an object per sample; {@link
 * io.pharos.exposition.TextParser} reads the Prometheus text format (0.0.4 and 1.0.0) and {@link
 * io.pharos.exposition.OpenMetricsParser} OpenMetrics 1.0 text. {@link
 * io.pharos.exposition.TextFormatWriter}, which writes metric families in that format, and {@link
 * io.pharos.exposition.GoFloat}, which formats numbers exactly as Prometheus (Go) does so that
 * exposition and API output match it byte for byte.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.pharos.exposition;
