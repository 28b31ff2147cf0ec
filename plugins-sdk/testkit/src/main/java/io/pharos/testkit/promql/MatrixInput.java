package io.pharos.testkit.promql;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.StaleMarker;
import java.util.ArrayList;
import java.util.List;

/**
 * A range-vector argument, described inside {@link FunctionTester#matrix}. Give the selected range
 * with {@link #range} (absolute) or {@link #window} (relative to the evaluation time, like
 * {@code x[5m]}), then the series.
 *
 * <p>As the engine does, the tester passes each series' samples in {@code (rangeStart, rangeEnd]}
 * only, in time order, without staleness markers; samples outside the range are dropped, and a
 * series left without samples is not passed at all. So a series can be described with its whole
 * history ({@link #load}) and the range picks the part the function sees.
 */
public final class MatrixInput {
    private final List<Labels> labels = new ArrayList<>();
    private final List<long[]> times = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();
    /** Per series, its samples' start timestamps, or null when it has none. */
    private final List<long[]> starts = new ArrayList<>();
    private List<LabelMatcher> matchers = List.of();
    private Long start;
    private Long end;
    private long window = -1;
    private long offset;

    MatrixInput() {
    }

    /** The selected range {@code (startExclusive, endInclusive]} in ms, after offset and {@code @}. */
    public MatrixInput range(long startExclusive, long endInclusive) {
        if (endInclusive < startExclusive) {
            throw new IllegalArgumentException("range end before start");
        }
        this.start = startExclusive;
        this.end = endInclusive;
        return this;
    }

    /** A range of {@code durationMs} ending at the evaluation time, as {@code x[d]} selects. */
    public MatrixInput window(long durationMs) {
        return window(durationMs, 0);
    }

    /** A range of {@code durationMs} ending {@code offsetMs} before the evaluation time ({@code x[d] offset o}). */
    public MatrixInput window(long durationMs, long offsetMs) {
        this.window = durationMs;
        this.offset = offsetMs;
        this.start = null;
        this.end = null;
        return this;
    }

    /** {@link #window(long)} with a duration in {@link Notation#duration} notation, e.g. {@code "5m"}. */
    public MatrixInput window(String duration) {
        return window(Notation.duration(duration));
    }

    /** {@link #window(long, long)} in {@link Notation#duration} notation: {@code x[10m] offset 5m}. */
    public MatrixInput window(String duration, String offset) {
        return window(Notation.duration(duration), Notation.duration(offset));
    }

    /**
     * Adds a series from alternating timestamps (ms) and values: {@code series(l, 0, 1, 15000, 2)} is
     * 1 at 0s and 2 at 15s. Timestamps must increase.
     */
    public MatrixInput series(Labels labels, double... timesAndValues) {
        if (timesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("series needs timestamp/value pairs");
        }
        int n = timesAndValues.length / 2;
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = (long) timesAndValues[2 * i];
            v[i] = timesAndValues[2 * i + 1];
            if (i > 0 && t[i] <= t[i - 1]) {
                throw new IllegalArgumentException("timestamps must increase: " + t[i - 1] + ", " + t[i]);
            }
        }
        return add(labels, t, v, null);
    }

    /**
     * {@link #series(Labels, double...)} whose samples carry start timestamps, one per sample in ms
     * (0 = unknown), as a range selector passes them when the engine uses start timestamps.
     */
    public MatrixInput series(Labels labels, long[] startTimestamps, double... timesAndValues) {
        if (startTimestamps.length * 2 != timesAndValues.length) {
            throw new IllegalArgumentException("one start timestamp per sample");
        }
        series(labels, timesAndValues);
        starts.set(starts.size() - 1, startTimestamps.clone());
        return this;
    }

    /** {@link #series(Labels, long[], double...)} with labels in series notation. */
    public MatrixInput series(String series, long[] startTimestamps, double... timesAndValues) {
        return series(Notation.labels(series), startTimestamps, timesAndValues);
    }

    /** {@link #series(Labels, double...)} with labels in series notation. */
    public MatrixInput series(String series, double... timesAndValues) {
        return series(Notation.labels(series), timesAndValues);
    }

    /**
     * Adds a series as a {@code promqltest} {@code load} line: the k-th value of {@code values} (see
     * {@link Notation#values}) at {@code k * intervalMs}; {@code _} is no sample.
     */
    public MatrixInput load(Labels labels, long intervalMs, String values) {
        List<Double> parsed = Notation.values(values);
        long[] t = new long[parsed.size()];
        double[] v = new double[parsed.size()];
        int n = 0;
        for (int k = 0; k < parsed.size(); k++) {
            if (parsed.get(k) != null) {
                t[n] = k * intervalMs;
                v[n++] = parsed.get(k);
            }
        }
        return add(labels, java.util.Arrays.copyOf(t, n), java.util.Arrays.copyOf(v, n), null);
    }

    /** {@link #load(Labels, long, String)} with labels in series notation and the interval as a duration. */
    public MatrixInput load(String series, String interval, String values) {
        return load(Notation.labels(series), Notation.duration(interval), values);
    }

    /**
     * Declares this argument a plain range selector with these matchers, as
     * {@link io.pharos.spi.promql.FunctionCall#selectorMatchers} reports them (e.g. for
     * {@code absent_over_time}).
     */
    public MatrixInput selector(LabelMatcher... matchers) {
        this.matchers = List.of(matchers);
        return this;
    }

    List<LabelMatcher> matchers() {
        return matchers;
    }

    private MatrixInput add(Labels l, long[] t, double[] v, long[] st) {
        if (l == null) {
            throw new NullPointerException("labels");
        }
        labels.add(l);
        times.add(t);
        values.add(v);
        starts.add(st);
        return this;
    }

    /** The range at evaluation time {@code t}: {start, end}. */
    long[] bounds(long t) {
        if (window >= 0) {
            return new long[] {t - offset - window, t - offset};
        }
        if (start == null) {
            throw new IllegalStateException("a matrix argument needs range(...) or window(...)");
        }
        return new long[] {start, end};
    }

    /** Copies the series' samples inside {@code bounds} into the view, dropping stale markers. */
    void resolve(long[] bounds, FunctionTester.MatrixView view) {
        for (int s = 0; s < labels.size(); s++) {
            long[] t = times.get(s);
            double[] v = values.get(s);
            long[] st = starts.get(s);
            int n = 0;
            long[] keptT = new long[t.length];
            double[] keptV = new double[t.length];
            long[] keptSt = new long[t.length];
            for (int i = 0; i < t.length; i++) {
                if (t[i] > bounds[0] && t[i] <= bounds[1] && !StaleMarker.isStale(v[i])) {
                    keptT[n] = t[i];
                    keptSt[n] = st == null ? 0 : st[i];
                    keptV[n++] = v[i];
                }
            }
            if (n > 0) {
                view.add(labels.get(s), java.util.Arrays.copyOf(keptT, n), java.util.Arrays.copyOf(keptV, n),
                        java.util.Arrays.copyOf(keptSt, n));
            }
        }
    }
}
