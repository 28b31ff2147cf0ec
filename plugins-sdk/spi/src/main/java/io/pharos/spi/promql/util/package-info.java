/**
 * Helpers that PromQL function plugins share so that their results match Prometheus': its
 * compensated summation ({@link io.pharos.spi.promql.util.KahanSum}), the labels of an
 * {@code absent} result ({@link io.pharos.spi.promql.util.AbsentLabels}) and how start timestamps
 * reveal counter resets ({@link io.pharos.spi.promql.util.StartTimestamps}). Stateless and safe to
 * call from any thread.
 */
@Export
@Version("1.1.0")
package io.pharos.spi.promql.util;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
