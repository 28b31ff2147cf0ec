/**
 * What the scrape manager tells the rest of the kernel (the HTTP API, the console) about its
 * targets. Kernel-internal API, not part of the plugin SPI.
 */
@Export
@Version("1.1.0")
package io.pharos.scrape;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
