package io.pharos.spi.model;

/**
 * A cursor over the samples of one series in ascending timestamp order. It hands out primitives,
 * never an object per sample. Timestamps are milliseconds since the Unix epoch. Not thread-safe.
 *
 * <p>A sample may carry a start timestamp ({@link #startTimestamp()}, Prometheus' "ST", OpenTelemetry's
 * start time): when the counting that led to its value began. PromQL uses it to spot counter resets
 * that values alone hide and to read delta series. 0 means unknown, as in Prometheus.
 */
public interface SampleIterator {
    /** Moves to the next sample; {@link SampleType#NONE} when there is none. */
    SampleType next();

    /**
     * Moves to the first sample at or after {@code t}, staying put if the current sample already
     * is; {@link SampleType#NONE} when there is none.
     */
    SampleType seek(long t);

    /** The timestamp of the current sample. */
    long timestamp();

    /** The value of the current float sample (possibly {@link StaleMarker#VALUE}). */
    double value();

    /**
     * The start timestamp of the current sample in ms, 0 when unknown: for a cumulative value the
     * time its counter was created or last reset, for a delta the start of the interval it covers.
     * Backends that do not store start timestamps keep this default.
     *
     * @since 1.1
     */
    default long startTimestamp() {
        return 0;
    }

    /**
     * An iterator over samples {@code [from, to)} of two parallel arrays sorted by timestamp, for
     * backends and tests that keep samples in primitive arrays. The arrays are read, never copied:
     * the caller must not change that range while the iterator is in use.
     */
    static SampleIterator over(long[] timestamps, double[] values, int from, int to) {
        return new ArraySampleIterator(timestamps, values, null, from, to);
    }

    /**
     * {@link #over(long[], double[], int, int)} with a third parallel array of start timestamps
     * (0 for unknown), which {@link #startTimestamp()} reports; {@code null} means none are known.
     *
     * @since 1.1
     */
    static SampleIterator over(long[] timestamps, double[] values, long[] startTimestamps, int from, int to) {
        return new ArraySampleIterator(timestamps, values, startTimestamps, from, to);
    }

    /** An iterator over nothing. */
    SampleIterator EMPTY = new SampleIterator() {
        @Override
        public SampleType next() {
            return SampleType.NONE;
        }

        @Override
        public SampleType seek(long t) {
            return SampleType.NONE;
        }

        @Override
        public long timestamp() {
            throw new IllegalStateException("empty iterator");
        }

        @Override
        public double value() {
            throw new IllegalStateException("empty iterator");
        }
    };
}
