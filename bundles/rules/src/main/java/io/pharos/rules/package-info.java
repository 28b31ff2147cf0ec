/**
 * What the rule manager tells the rest of the kernel (the HTTP API, the console) about its rule
 * groups, rules and active alerts. Kernel-internal API, not part of the plugin SPI.
 */
@Export
@Version("1.0.0")
package io.pharos.rules;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
