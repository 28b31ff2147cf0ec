package io.pharos.storage.lmdb.internal;

import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.model.SampleType;
import io.pharos.tsdb.chunk.XorIterator;
import java.util.List;

/**
 * Iterates the samples of a series' chunks, sorted by start time, within {@code [mint, maxt]}.
 * A sample whose timestamp is not after the previous one is skipped, so a chunk seen both in the
 * head and in LMDB (a query racing a checkpoint) yields each sample once.
 */
final class ChunksIterator implements SampleIterator {
    private final List<Chunk> chunks;
    private final long mint;
    private final long maxt;
    private final XorIterator it = new XorIterator();
    private int chunk = -1;
    private boolean inChunk;
    private boolean valid;
    private boolean done;
    private long t = Long.MIN_VALUE;
    private double v;

    ChunksIterator(List<Chunk> chunks, long mint, long maxt) {
        this.chunks = chunks;
        this.mint = mint;
        this.maxt = maxt;
    }

    @Override
    public SampleType next() {
        return advance(mint);
    }

    @Override
    public SampleType seek(long target) {
        if (valid && t >= target) {
            return SampleType.FLOAT;
        }
        if (done) {
            return SampleType.NONE;
        }
        // Skip whole chunks that end before the target without decoding them.
        while (chunk + 1 < chunks.size() && chunks.get(chunk + 1).minT() <= target
                && (chunk < 0 || chunks.get(chunk).maxT() < target)) {
            chunk++;
            Chunk c = chunks.get(chunk);
            it.reset(c.bytes(), 0, c.bytes().length);
            inChunk = true;
        }
        return advance(Math.max(mint, target));
    }

    /** Moves to the next sample at or after {@code from} and after the current one. */
    private SampleType advance(long from) {
        if (done) {
            return SampleType.NONE;
        }
        while (true) {
            if (inChunk) {
                while (it.next() == SampleType.FLOAT) {
                    long ts = it.timestamp();
                    if (ts < from || ts <= t) {
                        continue;
                    }
                    if (ts > maxt) {
                        return finish();
                    }
                    t = ts;
                    v = it.value();
                    valid = true;
                    return SampleType.FLOAT;
                }
                inChunk = false;
            }
            if (++chunk >= chunks.size()) {
                return finish();
            }
            Chunk c = chunks.get(chunk);
            if (c.minT() > maxt) {
                return finish();
            }
            it.reset(c.bytes(), 0, c.bytes().length);
            inChunk = true;
        }
    }

    private SampleType finish() {
        done = true;
        valid = false;
        return SampleType.NONE;
    }

    @Override
    public long timestamp() {
        return t;
    }

    @Override
    public double value() {
        return v;
    }
}
