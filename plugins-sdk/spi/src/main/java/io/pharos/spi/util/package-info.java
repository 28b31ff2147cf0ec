/**
 * Small helpers that behave exactly like their Go counterparts, for output that must read like
 * Prometheus' own (error messages, annotations): {@link io.pharos.spi.util.GoStrings}. Stateless
 * and safe to call from any thread.
 */
@Export
@Version("1.0.0")
package io.pharos.spi.util;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
