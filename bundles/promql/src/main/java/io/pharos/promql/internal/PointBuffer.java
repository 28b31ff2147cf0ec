package io.pharos.promql.internal;

import java.util.Arrays;

/**
 * Growable parallel arrays of timestamps and values, reused for every series of a range query so
 * that collecting points allocates nothing per point. Not thread-safe.
 */
final class PointBuffer {
    private long[] timestamps;
    private double[] values;
    private int size;

    PointBuffer(int initialCapacity) {
        int cap = Math.max(1, initialCapacity);
        timestamps = new long[cap];
        values = new double[cap];
    }

    void add(long t, double v) {
        if (size == timestamps.length) {
            int cap = timestamps.length * 2;
            timestamps = Arrays.copyOf(timestamps, cap);
            values = Arrays.copyOf(values, cap);
        }
        timestamps[size] = t;
        values[size] = v;
        size++;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** The timestamps added so far, as an array of their own. */
    long[] timestamps() {
        return Arrays.copyOf(timestamps, size);
    }

    /** The values added so far, as an array of their own. */
    double[] values() {
        return Arrays.copyOf(values, size);
    }
}
