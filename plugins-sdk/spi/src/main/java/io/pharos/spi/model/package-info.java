/**
 * The model every plugin kind shares: label sets, label matchers, metric types, staleness
 * markers and cursors over stored series. All value types here are immutable and safe to share
 * between threads; cursors ({@link io.pharos.spi.model.SeriesSet},
 * {@link io.pharos.spi.model.SampleIterator}) belong to one thread at a time.
 */
@Export
@Version("1.1.0")
package io.pharos.spi.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
