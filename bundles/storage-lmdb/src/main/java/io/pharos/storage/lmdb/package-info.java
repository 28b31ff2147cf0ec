/**
 * The LMDB storage backend. Its only public type so far is {@link
 * io.pharos.storage.lmdb.LmdbSelfCheck}, a diagnostic that proves LMDB's native library loads.
 */
@Export
@Version("0.1.0")
package io.pharos.storage.lmdb;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
