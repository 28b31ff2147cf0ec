package io.pharos.storage.lmdb.internal;

import io.pharos.spi.model.SampleType;
import io.pharos.tsdb.chunk.XorChunk;
import io.pharos.tsdb.chunk.XorIterator;

/** Re-encodes a chunk without the samples of a time range, for series deletion. */
final class ChunkFilter {
    private ChunkFilter() {
    }

    /** The chunk without samples in {@code [mint, maxt]}, or null when none is left. */
    static Chunk without(Chunk c, long mint, long maxt) {
        XorIterator it = new XorIterator().reset(c.bytes(), 0, c.bytes().length);
        XorChunk out = new XorChunk(c.bytes().length);
        long first = 0;
        long last = 0;
        while (it.next() == SampleType.FLOAT) {
            long t = it.timestamp();
            if (t >= mint && t <= maxt) {
                continue;
            }
            if (out.numSamples() == 0) {
                first = t;
            }
            out.appendBits(t, it.valueBits());
            last = t;
        }
        return out.numSamples() == 0 ? null : new Chunk(first, last, out.bytes());
    }
}
