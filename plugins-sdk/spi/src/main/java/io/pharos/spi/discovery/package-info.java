/**
 * The discovery provider plugin kind: produces target groups for one {@code <type>_sd_configs}
 * section of a scrape (or Alertmanager) configuration. The scrape manager tracks every registered
 * provider; a config section whose provider is not installed is reported and skipped, and picked
 * up as soon as the provider's bundle starts.
 */
@Export
@Version("1.1.0")
package io.pharos.spi.discovery;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
