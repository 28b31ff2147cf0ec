/**
 * The storage backend plugin kind.
 *
 * <p>A backend registers a {@link io.pharos.spi.storage.StorageBackend} service. The kernel's
 * storage fan-out tracks every registered backend (whiteboard pattern): one is the primary, which
 * answers queries and whose append must succeed for a write to be acknowledged; the others are
 * secondaries (e.g. remote write) that receive a copy of every append. A backend that goes away is
 * dropped at once; while no primary is registered the kernel answers writes and queries with
 * "storage unavailable" (HTTP 503). A backend may also implement
 * {@link io.pharos.spi.storage.StorageStatus} to describe its contents and
 * {@link io.pharos.spi.storage.StorageAdmin} for the TSDB admin operations (since 1.1).
 */
@Export
@Version("1.1.0")
package io.pharos.spi.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
