package io.pharos.promql.internal;

import io.pharos.promql.internal.EvalValue.Matrix;
import io.pharos.promql.internal.EvalValue.RangeSeries;
import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.RangeVector;
import java.util.Arrays;
import java.util.List;

/**
 * The windows of a range vector, step after step: for every series a pair of cursors into its
 * samples that only move forward, so that each step costs the series count plus the samples that
 * entered or left the window. Also the {@link RangeVector} view handed to functions: only series
 * with samples in the current window are visible. With the anchored or smoothed modifier the
 * window is extended to its boundaries (Prometheus' extended range selectors) in scratch arrays.
 */
final class RangeWindows implements RangeVector {
    private final Matrix m;
    private final List<RangeSeries> series;
    private final int[] lo;
    private final int[] hi;
    private final int[] idx;
    private int size;
    private long start;
    private long end;
    private boolean computed;
    private final boolean extended;
    private final boolean smoothed;
    private long[] xts = new long[0];
    private double[] xvs = new double[0];
    private int[] xoff;
    private int[] xlen;
    /**
     * Whether the boundary values are interpolated as a counter's (rate and increase): across a
     * reset the counter is taken to restart from zero.
     */
    private boolean counter;
    /** Labels as the function sees them (with delayed name removal the flagged names are gone). */
    private final Labels[] labels;

    RangeWindows(Matrix m) {
        this.m = m;
        this.series = m.series();
        int n = series.size();
        lo = new int[n];
        hi = new int[n];
        idx = new int[n];
        labels = new Labels[n];
        for (int i = 0; i < n; i++) {
            labels[i] = series.get(i).labels;
        }
        extended = m.extension() != VectorSelector.Extension.NONE;
        smoothed = m.extension() == VectorSelector.Extension.SMOOTHED;
        if (extended) {
            xoff = new int[n];
            xlen = new int[n];
        }
    }

    /** Interpolates smoothed boundaries as counters do (for rate and increase). */
    void counter(boolean on) {
        this.counter = on;
    }

    /** Moves the windows to a step. Steps must come in increasing order. */
    void advance(int step) {
        if (computed && m.windowEnds().length == 1) {
            return;
        }
        computed = true;
        end = m.windowEnd(step);
        start = end - m.rangeMs();
        long from = start;
        long to = end;
        if (extended) {
            from -= m.lookbackMs();
            if (smoothed) {
                to += m.lookbackMs();
            }
        }
        size = 0;
        int xn = 0;
        for (int s = 0; s < series.size(); s++) {
            RangeSeries rs = series.get(s);
            long[] ts = rs.ts;
            int l = lo[s];
            while (l < rs.n && ts[l] <= from) {
                l++;
            }
            int h = Math.max(hi[s], l);
            while (h < rs.n && ts[h] <= to) {
                h++;
            }
            lo[s] = l;
            hi[s] = h;
            if (h <= l) {
                continue;
            }
            if (!extended) {
                idx[size++] = s;
                continue;
            }
            int count = extend(rs, l, h, xn);
            if (count > 0) {
                xoff[size] = xn;
                xlen[size] = count;
                xn += count;
                idx[size++] = s;
            }
        }
    }

    /**
     * Prometheus' extendFloats: the samples of {@code [l, h)} bounded by a point at the range start
     * and one at its end (the sample before the start, or interpolated when smoothed).
     */
    private int extend(RangeSeries rs, int l, int h, int at) {
        long mint = start;
        long maxt = end;
        long[] ts = rs.ts;
        double[] vs = rs.vs;
        int n = h - l;
        int last = n - 1;
        int first = Math.max(0, search(ts, l, last, mint, false) - 1);
        if (smoothed) {
            last = search(ts, l, last, maxt, true);
        }
        if (ts[l + last] <= mint || (smoothed && ts[l + first] > maxt)) {
            return 0; // all samples before the range, or (smoothed) all after it
        }
        double left = smoothed && ts[l + first] < mint
                ? interpolate(ts[l + first], vs[l + first], ts[l + first + 1], vs[l + first + 1], mint)
                : vs[l + first];
        double right = smoothed && last > 0 && ts[l + last] > maxt
                ? interpolate(ts[l + last - 1], vs[l + last - 1], ts[l + last], vs[l + last], maxt)
                : vs[l + last];
        if (ts[l + first] <= mint) {
            first++;
        }
        if (ts[l + last] >= maxt) {
            last--;
        }
        int count = Math.max(last - first + 1, 0);
        int total = count + 2;
        ensure(at + total);
        xts[at] = mint;
        xvs[at] = left;
        System.arraycopy(ts, l + first, xts, at + 1, count);
        System.arraycopy(vs, l + first, xvs, at + 1, count);
        xts[at + 1 + count] = maxt;
        xvs[at + 1 + count] = right;
        return total;
    }

    private double interpolate(long t1, double v1, long t2, double v2, long t) {
        if (counter && v2 < v1) {
            v1 = 0;
        }
        return Evaluator.interpolate(t1, v1, t2, v2, t);
    }

    /** Go's sort.Search over {@code [0, n)}: the first i with ts > t (or >= t when inclusive), else n. */
    private static int search(long[] ts, int base, int n, long t, boolean inclusive) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            boolean ok = inclusive ? ts[base + mid] >= t : ts[base + mid] > t;
            if (ok) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private void ensure(int cap) {
        if (xts.length < cap) {
            int c = Math.max(cap, xts.length * 2 + 16);
            xts = Arrays.copyOf(xts, c);
            xvs = Arrays.copyOf(xvs, c);
        }
    }

    /** The series behind visible entry {@code k}. */
    RangeSeries seriesAt(int k) {
        return series.get(idx[k]);
    }

    int seriesIndex(int k) {
        return idx[k];
    }

    void setLabels(int seriesIndex, Labels l) {
        labels[seriesIndex] = l;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Labels labels(int k) {
        return labels[idx[k]];
    }

    @Override
    public int sampleCount(int k) {
        return extended ? xlen[k] : hi[idx[k]] - lo[idx[k]];
    }

    @Override
    public long timestamp(int k, int sample) {
        return extended ? xts[xoff[k] + sample] : series.get(idx[k]).ts[lo[idx[k]] + sample];
    }

    @Override
    public double value(int k, int sample) {
        return extended ? xvs[xoff[k] + sample] : series.get(idx[k]).vs[lo[idx[k]] + sample];
    }

    /** Known only for samples read from storage: the extended boundary points have none. */
    @Override
    public long startTimestamp(int k, int sample) {
        if (extended) {
            return 0;
        }
        long[] sts = series.get(idx[k]).sts;
        return sts == null ? 0 : sts[lo[idx[k]] + sample];
    }

    @Override
    public long rangeStart() {
        return start;
    }

    @Override
    public long rangeEnd() {
        return end;
    }
}
