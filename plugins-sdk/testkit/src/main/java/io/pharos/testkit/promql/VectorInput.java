package io.pharos.testkit.promql;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.StaleMarker;
import java.util.ArrayList;
import java.util.List;

/**
 * An instant-vector argument, described inside {@link FunctionTester#vector}. Samples keep the order
 * in which they are added. A sample without an explicit timestamp gets the evaluation time, as the
 * engine gives every computed sample; {@link #select} picks the sample a plain selector would see.
 */
public final class VectorInput {
    /** Prometheus' default lookback delta, 5 minutes. */
    public static final long DEFAULT_LOOKBACK_MS = 5 * 60_000L;

    private final List<Entry> entries = new ArrayList<>();
    private List<LabelMatcher> matchers = List.of();
    private boolean startTimestamps;

    VectorInput() {
    }

    /** Adds a sample stamped with the evaluation time. */
    public VectorInput sample(Labels labels, double value) {
        entries.add(new Entry(labels, value, null, 0, null));
        return this;
    }

    /** Adds a sample with the timestamp (ms) a plain selector would report for it. */
    public VectorInput sample(Labels labels, double value, long timestampMs) {
        entries.add(new Entry(labels, value, timestampMs, 0, null));
        return this;
    }

    /**
     * Adds a selected sample with its timestamp and start timestamp (ms, 0 = unknown). The vector
     * then carries start timestamps as a plain selector's does when the engine uses them
     * ({@link io.pharos.spi.promql.InstantVector#hasStartTimestamps()}); its other samples have 0.
     */
    public VectorInput sample(Labels labels, double value, long timestampMs, long startTimestampMs) {
        entries.add(new Entry(labels, value, timestampMs, 0, null, DEFAULT_LOOKBACK_MS, startTimestampMs));
        startTimestamps = true;
        return this;
    }

    /** {@link #sample(Labels, double)} with labels in series notation, e.g. {@code up{job="a"}}. */
    public VectorInput sample(String series, double value) {
        return sample(Notation.labels(series), value);
    }

    /**
     * Adds one sample per line of {@code promqltest} result notation ({@link Notation#samples}), e.g.
     * {@code {type="positive"} 2.5}, each stamped with the evaluation time.
     */
    public VectorInput samples(String lines) {
        for (Sample s : Notation.samples(lines)) {
            sample(s.labels(), s.value());
        }
        return this;
    }

    /**
     * Adds what a plain selector sees of a series loaded {@code promqltest}-style (value k at
     * {@code k * intervalMs}, see {@link Notation#values}): its latest sample in
     * {@code (t - lookback, t]}, with its own timestamp, unless that sample is a staleness marker or
     * there is none (then the series is absent).
     */
    public VectorInput select(Labels labels, long intervalMs, String values) {
        return select(labels, intervalMs, values, DEFAULT_LOOKBACK_MS);
    }

    /** {@link #select(Labels, long, String)} with labels in series notation. */
    public VectorInput select(String series, long intervalMs, String values) {
        return select(Notation.labels(series), intervalMs, values);
    }

    /** {@link #select(Labels, long, String)} with another lookback delta. */
    public VectorInput select(Labels labels, long intervalMs, String values, long lookbackMs) {
        entries.add(new Entry(labels, 0, null, intervalMs, Notation.values(values), lookbackMs));
        return this;
    }

    /**
     * Declares this argument a plain selector with these matchers, as
     * {@link io.pharos.spi.promql.FunctionCall#selectorMatchers} reports them (e.g. for
     * {@code absent}).
     */
    public VectorInput selector(LabelMatcher... matchers) {
        this.matchers = List.of(matchers);
        return this;
    }

    List<LabelMatcher> matchers() {
        return matchers;
    }

    /** Whether a sample was given a start timestamp, so that the vector carries them. */
    boolean hasStartTimestamps() {
        return startTimestamps;
    }

    /** The samples at evaluation time {@code t}: labels, values, timestamps and start timestamps, in order. */
    void resolve(long t, List<Labels> labels, List<Double> values, List<Long> timestamps, List<Long> starts) {
        for (Entry e : entries) {
            if (e.loaded == null) {
                if (StaleMarker.isStale(e.value)) {
                    throw new IllegalArgumentException("the engine never passes stale markers: " + e.labels);
                }
                labels.add(e.labels);
                values.add(e.value);
                timestamps.add(e.timestamp == null ? t : e.timestamp);
                starts.add(e.start);
                continue;
            }
            Double last = null;
            long lastT = 0;
            for (int k = 0; k < e.loaded.size(); k++) {
                long ts = k * e.intervalMs;
                Double v = e.loaded.get(k);
                if (ts > t) {
                    break;
                }
                if (v != null && ts > t - e.lookbackMs) {
                    last = v;
                    lastT = ts;
                }
            }
            if (last != null && !StaleMarker.isStale(last)) {
                labels.add(e.labels);
                values.add(last);
                timestamps.add(lastT);
                starts.add(0L);
            }
        }
    }

    private static final class Entry {
        final Labels labels;
        final double value;
        final Long timestamp;
        final long intervalMs;
        final List<Double> loaded;
        final long lookbackMs;
        final long start;

        Entry(Labels labels, double value, Long timestamp, long intervalMs, List<Double> loaded) {
            this(labels, value, timestamp, intervalMs, loaded, DEFAULT_LOOKBACK_MS);
        }

        Entry(Labels labels, double value, Long timestamp, long intervalMs, List<Double> loaded, long lookbackMs) {
            this(labels, value, timestamp, intervalMs, loaded, lookbackMs, 0);
        }

        Entry(Labels labels, double value, Long timestamp, long intervalMs, List<Double> loaded, long lookbackMs,
                long start) {
            if (labels == null) {
                throw new NullPointerException("labels");
            }
            this.labels = labels;
            this.value = value;
            this.timestamp = timestamp;
            this.intervalMs = intervalMs;
            this.loaded = loaded;
            this.lookbackMs = lookbackMs;
            this.start = start;
        }
    }
}
