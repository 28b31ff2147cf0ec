package io.pharos.promql.internal;

import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.model.SampleType;
import io.pharos.spi.model.StaleMarker;
import java.util.Arrays;

/**
 * The samples of one series in a time range, as growable primitive arrays reused from series to
 * series: loading allocates nothing per sample. Histogram samples are kept as markers (their kind)
 * so that they hide older floats, but carry no value yet. Start timestamps are read only when asked
 * for; {@link #anyStart} tells whether a known one was seen, so that callers keep none otherwise.
 */
final class SampleBuffer {
    static final byte FLOAT = 0;
    static final byte HISTOGRAM = 1;

    long[] ts = new long[64];
    double[] vs = new double[64];
    byte[] kinds = new byte[64];
    long[] sts = new long[64];
    int n;
    /** Whether the last load read start timestamps and one of them is known (not 0). */
    boolean anyStart;

    /** Loads the samples in {@code [mint, maxt]}; stale markers are kept or skipped. */
    void load(SampleIterator it, long mint, long maxt, boolean keepStale, boolean floatsOnly) {
        n = 0;
        anyStart = false;
        for (SampleType st = it.seek(mint); st != SampleType.NONE; st = it.next()) {
            long t = it.timestamp();
            if (t > maxt) {
                break;
            }
            if (t < mint) {
                continue;
            }
            if (st == SampleType.FLOAT) {
                double v = it.value();
                if (!keepStale && StaleMarker.isStale(v)) {
                    continue;
                }
                add(t, v, FLOAT, 0);
            } else if (!floatsOnly) {
                add(t, Double.NaN, HISTOGRAM, 0);
            }
        }
    }

    /**
     * Loads the float samples (stale markers dropped) that fall into at least one window
     * {@code (ends[i] - before, ends[i] + after]}, seeking over the gaps between windows. The window
     * ends must be ascending. With {@code starts}, the samples' start timestamps are read too.
     */
    void loadWindows(SampleIterator it, long[] ends, long before, long after, boolean starts) {
        n = 0;
        anyStart = false;
        int w = 0;
        SampleType st = it.seek(ends[0] - before + 1);
        while (st != SampleType.NONE) {
            long t = it.timestamp();
            while (w < ends.length && t > ends[w] + after) {
                w++;
            }
            if (w == ends.length) {
                break;
            }
            long lo = ends[w] - before;
            if (t <= lo) {
                st = it.seek(lo + 1);
                continue;
            }
            if (st == SampleType.FLOAT) {
                double v = it.value();
                if (!StaleMarker.isStale(v)) {
                    long start = starts ? it.startTimestamp() : 0;
                    anyStart |= start != 0;
                    add(t, v, FLOAT, start);
                }
            }
            st = it.next();
        }
    }

    private void add(long t, double v, byte kind, long st) {
        if (n == ts.length) {
            int cap = n * 2;
            ts = Arrays.copyOf(ts, cap);
            vs = Arrays.copyOf(vs, cap);
            kinds = Arrays.copyOf(kinds, cap);
            sts = Arrays.copyOf(sts, cap);
        }
        ts[n] = t;
        vs[n] = v;
        kinds[n] = kind;
        sts[n] = st;
        n++;
    }
}
