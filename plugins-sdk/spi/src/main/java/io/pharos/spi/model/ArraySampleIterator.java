package io.pharos.spi.model;

/**
 * {@link SampleIterator#over}: a cursor over a range of parallel primitive arrays, the start
 * timestamps optional.
 */
final class ArraySampleIterator implements SampleIterator {
    private final long[] ts;
    private final double[] vs;
    /** Null when no start timestamps are known. */
    private final long[] sts;
    private final int from;
    private final int to;
    private int i;

    ArraySampleIterator(long[] ts, double[] vs, long[] sts, int from, int to) {
        this.ts = ts;
        this.vs = vs;
        this.sts = sts;
        this.from = from;
        this.to = to;
        this.i = from - 1;
    }

    @Override
    public SampleType next() {
        if (i < to) {
            i++;
        }
        return i < to ? SampleType.FLOAT : SampleType.NONE;
    }

    @Override
    public SampleType seek(long t) {
        if (i < from) {
            i = from;
        }
        while (i < to && ts[i] < t) {
            i++;
        }
        return i < to ? SampleType.FLOAT : SampleType.NONE;
    }

    @Override
    public long timestamp() {
        return ts[i];
    }

    @Override
    public double value() {
        return vs[i];
    }

    @Override
    public long startTimestamp() {
        return sts == null ? 0 : sts[i];
    }
}
