package io.pharos.promql.functions.overtime.internal;

/**
 * A growable work array, memoized per call site so that the steps of a query reuse it instead of
 * allocating per series. Steps of one call site run one after the other, never concurrently.
 */
final class Scratch {
    private double[] values = new double[64];

    /** An array of at least {@code n} elements, with unspecified contents. */
    double[] get(int n) {
        if (values.length < n) {
            values = new double[Math.max(n, values.length * 2)];
        }
        return values;
    }
}
