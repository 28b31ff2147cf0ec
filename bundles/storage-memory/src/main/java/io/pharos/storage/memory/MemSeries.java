package io.pharos.storage.memory;

import io.pharos.spi.model.Labels;
import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.storage.StorageException;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/** One series: samples in two growable primitive arrays, guarded by the series' monitor. */
final class MemSeries {
    final Labels labels;
    final long ref;
    private long[] ts = new long[16];
    private double[] vs = new double[16];
    private int start;
    private int end;

    MemSeries(Labels labels, long ref) {
        this.labels = labels;
        this.ref = ref;
    }

    /**
     * Checks that a sample may be appended, with Prometheus' rules: older than the newest sample
     * is out of order; the same timestamp with another value is a duplicate; the same timestamp
     * and value is silently ignored (returns false).
     */
    synchronized boolean check(long t, double v) {
        if (end == start) {
            return true;
        }
        long last = ts[end - 1];
        if (t > last) {
            return true;
        }
        if (t < last) {
            throw new StorageException("out of order sample for " + labels, false);
        }
        if (Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits(vs[end - 1])) {
            throw new StorageException("duplicate sample for timestamp for " + labels, false);
        }
        return false;
    }

    synchronized void add(long t, double v) {
        if (end > start && t <= ts[end - 1]) {
            return; // lost a race with another appender of the same series; check() ran before
        }
        if (end == ts.length) {
            // Always into fresh arrays: open iterators keep reading the old ones.
            int live = end - start;
            long[] nts = new long[Math.max(16, live * 2)];
            double[] nvs = new double[nts.length];
            System.arraycopy(ts, start, nts, 0, live);
            System.arraycopy(vs, start, nvs, 0, live);
            ts = nts;
            vs = nvs;
            start = 0;
            end = live;
        }
        ts[end] = t;
        vs[end] = v;
        end++;
    }

    /** Drops samples older than {@code cutoff}; returns whether the series is now empty. */
    synchronized boolean truncateBefore(long cutoff) {
        int i = Arrays.binarySearch(ts, start, end, cutoff);
        start = i >= 0 ? firstAt(i, cutoff) : -i - 1;
        return start == end;
    }

    private int firstAt(int i, long t) {
        while (i > start && ts[i - 1] == t) {
            i--;
        }
        return i;
    }

    synchronized long maxTime() {
        return end == start ? Long.MIN_VALUE : ts[end - 1];
    }

    /** Whether any sample lies in {@code [mint, maxt]}. */
    synchronized boolean overlaps(long mint, long maxt) {
        int i = lowerBound(mint);
        return i < end && ts[i] <= maxt;
    }

    /** Writes the sample count and every sample (timestamp, raw value bits). */
    synchronized void writeSamples(DataOutput out) throws IOException {
        out.writeInt(end - start);
        for (int i = start; i < end; i++) {
            out.writeLong(ts[i]);
            out.writeLong(Double.doubleToRawLongBits(vs[i]));
        }
    }

    synchronized int sampleCount() {
        return end - start;
    }

    /** An iterator over a snapshot of the samples in {@code [mint, maxt]}. */
    synchronized SampleIterator iterator(long mint, long maxt) {
        int from = lowerBound(mint);
        int to = lowerBound(maxt == Long.MAX_VALUE ? maxt : maxt + 1);
        // Appends only write past `end` and truncation only moves `start`, and a grown array is a
        // fresh one, so this range of the current arrays stays valid without copying.
        return SampleIterator.over(ts, vs, from, to);
    }

    private int lowerBound(long t) {
        int lo = start;
        int hi = end;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
