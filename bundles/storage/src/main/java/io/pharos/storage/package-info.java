/**
 * The kernel's view of storage: one {@link io.pharos.storage.Storage} service that hides which
 * backend plugins are installed. Kernel-internal API, not part of the plugin SPI.
 */
@Export
@Version("1.1.0")
package io.pharos.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
