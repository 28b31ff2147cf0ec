package io.pharos.promql.functions.overtime.internal;

import java.util.Arrays;

/** Prometheus' quantile of a set of values, which treats NaN as the smallest value. */
final class Quantiles {
    private Quantiles() {
    }

    /**
     * The q-quantile of {@code values[0..n)}, interpolating linearly between the two nearest ranks;
     * NaN for no values or a NaN q, -Inf for q &lt; 0, +Inf for q &gt; 1. Sorts the values in place.
     */
    static double quantile(double q, double[] values, int n) {
        if (n == 0 || Double.isNaN(q)) {
            return Double.NaN;
        } else if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        } else if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        sortNaNFirst(values, n);
        double rank = q * (n - 1);
        double lower = Math.max(0, Math.floor(rank));
        double upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return values[(int) lower] * (1 - weight) + values[(int) upper] * weight;
    }

    /** Ascending, NaNs first (Arrays.sort puts them last). */
    static void sortNaNFirst(double[] values, int n) {
        Arrays.sort(values, 0, n);
        int nans = 0;
        while (nans < n && Double.isNaN(values[n - 1 - nans])) {
            nans++;
        }
        if (nans > 0 && nans < n) {
            System.arraycopy(values, 0, values, nans, n - nans);
            Arrays.fill(values, 0, nans, Double.NaN);
        }
    }
}
