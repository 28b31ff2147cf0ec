package io.pharos.promql.functions.label.internal;

import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.InstantVector;

/**
 * The sort functions' ordering: a stable merge sort of sample indices, written out here because
 * Prometheus' comparators are not always consistent (natural order, NaN) and a library sort may
 * reject them; it needs no boxing, and its arrays are reused across steps via the memo.
 */
final class Sorting {
    /** Compares samples {@code a} and {@code b} of a vector. */
    interface Order {
        int compare(InstantVector v, int a, int b);
    }

    private int[] index = new int[16];
    private int[] work = new int[16];

    /** Writes the samples of {@code v} in {@code order}, keeping the input order of equal samples. */
    void write(InstantVector v, Order order, FunctionOutput out) {
        int n = v.size();
        if (index.length < n) {
            index = new int[Math.max(n, index.length * 2)];
            work = new int[index.length];
        }
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        sort(v, order, 0, n);
        for (int i = 0; i < n; i++) {
            out.add(v.labels(index[i]), v.value(index[i]));
        }
    }

    private void sort(InstantVector v, Order order, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        sort(v, order, from, mid);
        sort(v, order, mid, to);
        if (order.compare(v, index[mid - 1], index[mid]) <= 0) {
            return; // already in order
        }
        System.arraycopy(index, from, work, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && order.compare(v, work[i], work[j]) <= 0)) {
                index[k] = work[i++];
            } else {
                index[k] = work[j++];
            }
        }
    }
}
