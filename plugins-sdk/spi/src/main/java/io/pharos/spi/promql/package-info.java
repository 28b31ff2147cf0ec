/**
 * The PromQL function plugin kind. The engine finds every function, even the built-in families,
 * through registered {@link io.pharos.spi.promql.PromQLFunction} services; a query naming a function
 * that is not registered fails with {@code unknown function} (bad_data). Stopping a function bundle
 * removes its functions at once; queries already running finish with the instance they resolved.
 *
 * <p>A function usually extends {@link io.pharos.spi.promql.AbstractPromQLFunction}, which holds its
 * signature; helpers that several functions share (compensated sums, the labels of {@code absent})
 * are in {@code io.pharos.spi.promql.util}.
 */
@Export
@Version("1.1.0")
package io.pharos.spi.promql;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
