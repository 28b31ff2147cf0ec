package io.pharos.promql.functions.histogram.internal;

import io.pharos.spi.promql.FunctionCall;
import java.time.Instant;

/**
 * Collects, over the histograms of one step, where {@code histogram_quantile} had to force
 * monotonic bucket counts, and reports it as one info with Prometheus' wording. (Prometheus also
 * merges these infos across the steps of a range query; a function sees one step, so each step with
 * fixes reports its own.)
 */
final class Monotonicity {
    private static final String INFO = "input to histogram_quantile needed to be fixed for monotonicity (see "
            + "https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)";

    private int count;
    private double minBucket;
    private double maxBucket;
    private double maxDiff;

    void reset() {
        count = 0;
    }

    void record(Buckets b) {
        if (!b.forcedMonotonic) {
            return;
        }
        if (count == 0 || b.minForced < minBucket) {
            minBucket = b.minForced;
        }
        if (count == 0 || b.maxForced > maxBucket) {
            maxBucket = b.maxForced;
        }
        if (count == 0 || b.maxDiff > maxDiff) {
            maxDiff = b.maxDiff;
        }
        count++;
    }

    /** Reports the fix-ups of this step as one info, positioned at the histogram argument. */
    void report(FunctionCall call, int arg) {
        if (count == 0) {
            return;
        }
        String time = Instant.ofEpochSecond(call.time() / 1000).toString(); // RFC 3339, whole seconds, UTC
        call.info(arg, INFO + ", from buckets " + GoFloats.g(minBucket) + " to " + GoFloats.g(maxBucket)
                + ", with a max diff of " + GoFloats.g(maxDiff, 2) + ", over " + count + " samples from " + time
                + " to " + time);
    }
}
