package io.pharos.promql.functions.histogram.internal;

import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.FunctionCall;

/**
 * The buckets of one classic histogram at one step: (upper bound, cumulative count) pairs from the
 * series sharing all labels but {@code le}. Arrays are kept across steps and reused.
 */
final class Buckets {
    /** The tolerance below which count differences are floating-point noise, as in Prometheus. */
    static final double SMALL_DELTA_TOLERANCE = 1e-12;

    final Labels labels;
    double[] upper = new double[16];
    double[] count = new double[16];
    int size;
    long step = -1;
    // set by quantile(): whether, where and by how much monotonicity had to be forced
    boolean forcedMonotonic;
    double minForced;
    double maxForced;
    double maxDiff;
    // histogram_quantiles: the output labels per quantile, cached
    private double[] quantiles = new double[0];
    private Labels[] quantileLabels = new Labels[0];

    Buckets(Labels labels) {
        this.labels = labels;
    }

    void add(double upperBound, double value) {
        if (size == upper.length) {
            upper = java.util.Arrays.copyOf(upper, size * 2);
            count = java.util.Arrays.copyOf(count, size * 2);
        }
        upper[size] = upperBound;
        count[size++] = value;
    }

    /**
     * Sorts by upper bound (stable), then, if the last bound is +Inf, merges equal bounds into the
     * first {@code n} entries and returns n; else returns -1. Like Prometheus, which merges in place
     * but keeps using the whole slice, the entries after n are left as they are and take part in a
     * later call (histogram_quantiles with several quantiles over duplicate bounds).
     */
    int prepare() {
        for (int i = 1; i < size; i++) { // insertion sort: buckets usually arrive sorted
            double u = upper[i];
            double c = count[i];
            int j = i - 1;
            while (j >= 0 && upper[j] > u) {
                upper[j + 1] = upper[j];
                count[j + 1] = count[j];
                j--;
            }
            upper[j + 1] = u;
            count[j + 1] = c;
        }
        if (upper[size - 1] != Double.POSITIVE_INFINITY) {
            return -1;
        }
        int n = 0;
        for (int i = 1; i < size; i++) {
            if (upper[i] == upper[n]) {
                count[n] += count[i];
            } else {
                n++;
                upper[n] = upper[i];
                count[n] = count[i];
            }
        }
        return n + 1;
    }

    /** Prometheus' warning for a quantile outside [0, 1], issued whatever the input. */
    static void checkQuantile(FunctionCall call, double q, int arg) {
        if (Double.isNaN(q) || q < 0 || q > 1) {
            call.warn(arg, "quantile value should be between 0 and 1, got " + GoFloats.g(q));
        }
    }

    /**
     * Prometheus' {@code BucketQuantile}: the q-quantile, interpolated linearly inside its bucket,
     * with 0 as the lower bound of the first bucket when that bucket's bound is positive (else that
     * bound is the answer), and the second-highest bound when the quantile falls into the +Inf
     * bucket. NaN without a +Inf bucket, with fewer than two buckets or no observations; -Inf/+Inf
     * for q &lt; 0 / q &gt; 1. Fixes non-monotonic counts first and records that it did.
     */
    double quantile(double q) {
        forcedMonotonic = false;
        if (Double.isNaN(q)) {
            return Double.NaN;
        } else if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        } else if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        int n = prepare();
        if (n < 0) {
            return Double.NaN;
        }
        ensureMonotonic(n);
        if (n < 2) {
            return Double.NaN;
        }
        double observations = count[n - 1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = search(n - 1, rank);
        if (b == n - 1) {
            return upper[n - 2];
        }
        if (b == 0 && upper[0] <= 0) {
            return upper[0];
        }
        double bucketStart = 0;
        double bucketEnd = upper[b];
        double c = count[b];
        if (b > 0) {
            bucketStart = upper[b - 1];
            c -= count[b - 1];
            rank -= count[b - 1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / c);
    }

    /**
     * Prometheus' {@code BucketFraction}: the fraction of observations between lower and upper,
     * interpolating linearly inside buckets (nothing is interpolated in a bucket with an infinite
     * bound). NaN without a +Inf bucket, without observations, or for a NaN bound; 0 when lower is
     * not below upper.
     */
    double fraction(double lower, double upperLimit) {
        int n = size == 0 ? -1 : prepare();
        if (n < 0) {
            return Double.NaN;
        }
        double total = count[n - 1];
        if (total == 0 || Double.isNaN(lower) || Double.isNaN(upperLimit)) {
            return Double.NaN;
        } else if (lower >= upperLimit) {
            return 0;
        }
        double rank = 0;
        double lowerRank = 0;
        double upperRank = 0;
        boolean lowerSet = false;
        boolean upperSet = false;
        double lowerBound = upper[0] <= 0 ? Double.NEGATIVE_INFINITY : 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                lowerBound = upper[i - 1];
            }
            double upperBound = upper[i];
            if (!lowerSet && lowerBound >= lower) {
                lowerRank = rank;
                lowerSet = true;
            }
            if (!upperSet && lowerBound >= upperLimit) {
                upperRank = rank;
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            if (!lowerSet && lowerBound < lower && upperBound > lower) {
                lowerRank = interpolate(lower, lowerBound, upperBound, rank, count[i]);
                lowerSet = true;
            }
            if (!upperSet && lowerBound < upperLimit && upperBound > upperLimit) {
                upperRank = interpolate(upperLimit, lowerBound, upperBound, rank, count[i]);
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            rank = count[i]; // counts are cumulative
        }
        if (!lowerSet || lowerRank > total) {
            lowerRank = total;
        }
        if (!upperSet || upperRank > total) {
            upperRank = total;
        }
        return (upperRank - lowerRank) / total;
    }

    private static double interpolate(double v, double lowerBound, double upperBound, double rank, double count) {
        if (lowerBound == Double.NEGATIVE_INFINITY) {
            return count; // a bucket without lower bound cannot be interpolated into
        }
        return rank + (count - rank) * (v - lowerBound) / (upperBound - lowerBound);
    }

    /** Go's {@code sort.Search} over [0, n): the first bucket whose count reaches rank, or n. */
    private int search(int n, double rank) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (!(count[mid] >= rank)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Prometheus' {@code ensureMonotonicAndIgnoreSmallDeltas}: differences within the tolerance are
     * taken as float noise and flattened either way; real decreases are raised to the previous count
     * (the "envelope"), recording the affected bounds and the largest decrease.
     */
    private void ensureMonotonic(int n) {
        minForced = Double.POSITIVE_INFINITY;
        maxForced = Double.NEGATIVE_INFINITY;
        maxDiff = 0;
        double prev = count[0];
        for (int i = 1; i < n; i++) {
            double curr = count[i];
            if (curr == prev) {
                continue;
            }
            if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE)) {
                count[i] = prev;
                continue;
            }
            if (curr < prev) {
                count[i] = prev;
                forcedMonotonic = true;
                minForced = Math.min(minForced, upper[i]);
                maxForced = Math.max(maxForced, upper[i]);
                maxDiff = Math.max(maxDiff, prev - curr);
                continue;
            }
            prev = curr;
        }
    }

    /** Prometheus' {@code almost.Equal}. */
    static boolean almostEqual(double a, double b, double epsilon) {
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        } else if (a == b) {
            return true;
        }
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || absSum < Double.MIN_NORMAL) {
            return diff < epsilon * Double.MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
    }

    /** The output labels of {@code histogram_quantiles} for quantile q: these labels plus label=q. */
    Labels withQuantile(String label, double q) {
        for (int i = 0; i < quantiles.length; i++) {
            if (Double.doubleToLongBits(quantiles[i]) == Double.doubleToLongBits(q)) {
                return quantileLabels[i];
            }
        }
        Labels l = labels.toBuilder().set(label, GoFloats.openMetrics(q)).build();
        quantiles = java.util.Arrays.copyOf(quantiles, quantiles.length + 1);
        quantileLabels = java.util.Arrays.copyOf(quantileLabels, quantileLabels.length + 1);
        quantiles[quantiles.length - 1] = q;
        quantileLabels[quantileLabels.length - 1] = l;
        return l;
    }
}
