/**
 * The exporter plugin kind: a collector of metrics that the platform exposes over HTTP at
 * {@code /exporters/<name>/metrics} in the Prometheus text format and scrapes like any other
 * target. The exporter named {@value io.pharos.spi.exporter.Exporter#SELF} is the platform's own
 * instrumentation, served at {@code /metrics}.
 */
@Export
@Version("1.0.0")
package io.pharos.spi.exporter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
