/**
 * A write-ahead log of opaque records in numbered segment files, for backends that keep recent
 * data in memory and must not lose what they acknowledged: {@link io.pharos.tsdb.wal.Wal}
 * appends, rolls and truncates segments, {@link io.pharos.tsdb.wal.WalReplay} reads them back
 * and cuts a torn or corrupt tail. Record contents are the caller's business.
 */
@Export
@Version("0.1.0")
package io.pharos.tsdb.wal;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
