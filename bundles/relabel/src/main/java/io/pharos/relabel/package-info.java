/**
 * Prometheus relabeling, one implementation for target relabeling ({@code relabel_configs}),
 * metric relabeling ({@code metric_relabel_configs}), alert relabeling and write relabeling.
 *
 * <p>{@link io.pharos.relabel.RelabelConfig#fromYaml} reads and validates one
 * {@code <relabel_config>} as Prometheus 3.x does; {@link io.pharos.relabel.Relabeler} applies a
 * list of them to a label set. Regular expressions use Go's RE2 syntax and are translated to
 * {@link java.util.regex.Pattern} by {@link io.pharos.relabel.RelabelRegex} (anchored, for relabeling)
 * and {@link io.pharos.relabel.GoRegexp} (Go's unanchored defaults, for template functions).
 *
 * <p>Label names are validated with Prometheus 3.x' default UTF-8 scheme: any non-empty, well-formed
 * string is a valid name. The legacy {@code [a-zA-Z_][a-zA-Z0-9_]*} rule is not enforced.
 */
@Export
@Version("1.1.0")
package io.pharos.relabel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
