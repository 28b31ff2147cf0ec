package io.pharos.spi.model;

/** {@link SampleIterator#over}: a cursor over a range of two parallel primitive arrays. */
final class ArraySampleIterator implements SampleIterator {
    private final long[] ts;
    private final double[] vs;
    private final int from;
    private final int to;
    private int i;

    ArraySampleIterator(long[] ts, double[] vs, int from, int to) {
        this.ts = ts;
        this.vs = vs;
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
}
