package io.pharos.spi.model;

/**
 * A cursor over the samples of one series in ascending timestamp order. It hands out primitives,
 * never an object per sample. Timestamps are milliseconds since the Unix epoch. Not thread-safe.
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
     * An iterator over samples {@code [from, to)} of two parallel arrays sorted by timestamp, for
     * backends and tests that keep samples in primitive arrays. The arrays are read, never copied:
     * the caller must not change that range while the iterator is in use.
     */
    static SampleIterator over(long[] timestamps, double[] values, int from, int to) {
        return new ArraySampleIterator(timestamps, values, from, to);
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
