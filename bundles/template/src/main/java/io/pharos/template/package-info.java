/**
 * A template engine compatible with Go's {@code text/template} as Prometheus and Alertmanager use
 * it, and Prometheus' alert and rule template functions.
 *
 * <p>{@link io.pharos.template.GoTemplate#parse} parses a template (with its {@code define}d
 * templates) once; the result is immutable and may be executed from any thread.
 * {@link io.pharos.template.PrometheusTemplates#expand} expands an alerting rule's label or
 * annotation template the way Prometheus does, with {@code $labels}, {@code $value},
 * {@code $externalLabels} and {@code $externalURL} and the documented functions.
 */
@Export
@Version("1.0.0")
package io.pharos.template;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
