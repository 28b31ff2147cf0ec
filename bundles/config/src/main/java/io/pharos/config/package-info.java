/**
 * The Prometheus configuration file ({@code prometheus.yml}) as immutable records, the loader that
 * reads and validates it like Prometheus 3.x does, and the {@link io.pharos.config.ConfigService}
 * that holds the current configuration and tells subscribers about reloads.
 *
 * <p>Field names follow Prometheus one to one (snake_case in YAML). Sections Pharos does not use
 * yet are accepted and kept raw, so every file Prometheus loads also loads here.
 */
@Export
@Version("1.2.0")
package io.pharos.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
