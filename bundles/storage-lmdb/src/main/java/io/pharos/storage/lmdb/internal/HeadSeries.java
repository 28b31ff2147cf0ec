package io.pharos.storage.lmdb.internal;

import io.pharos.spi.model.Labels;
import io.pharos.tsdb.chunk.XorChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * One series in the head: its labels, the chunk being appended to and the closed chunks not yet
 * persisted. Appends happen under the storage's commit lock; readers and the checkpoint copy
 * what they need under this object's monitor, so a reader never sees a half-written sample.
 */
final class HeadSeries {
    /** Samples per chunk before it is closed, as Prometheus aims for. */
    static final int CHUNK_SAMPLES = 120;
    /** Out-of-order samples kept sorted before they become a chunk (Prometheus' default cap). */
    static final int OOO_SAMPLES = 32;

    final int id;
    final Labels labels;

    // Guarded by this.
    private XorChunk open;
    private List<Chunk> closed;
    private volatile long lastT = Long.MIN_VALUE;
    private long lastBits;
    private boolean changed;
    // Out-of-order samples, sorted by time; null until the first one.
    private long[] oooT;
    private long[] oooBits;
    private int oooN;

    // Used only under the storage's commit lock.
    boolean logged;
    int batchMark;
    long batchT;

    // Set by the checkpoint thread only.
    volatile boolean persisted;
    /** Set when retention dropped the series; an appender holding it must look it up again. */
    volatile boolean removed;

    HeadSeries(int id, Labels labels) {
        this.id = id;
        this.labels = labels;
    }

    /** Timestamp of the newest sample, {@link Long#MIN_VALUE} if none. Racy read, for pre-checks. */
    long lastT() {
        return lastT;
    }

    synchronized long lastBits() {
        return lastBits;
    }

    /**
     * Appends a sample newer than {@link #lastT()}; closes the open chunk when full or at a block
     * edge. Returns the size of the chunk it closed on the way, 0 if none.
     */
    synchronized int append(long t, long bits, long blockMs) {
        int closedBytes = 0;
        if (open != null && (open.numSamples() >= CHUNK_SAMPLES
                || Math.floorDiv(t, blockMs) != Math.floorDiv(open.minTime(), blockMs))) {
            closedBytes = open.sizeBytes();
            closeOpen();
        }
        if (open == null) {
            open = new XorChunk();
        }
        open.appendBits(t, bits);
        lastT = t;
        lastBits = bits;
        changed = true;
        return closedBytes;
    }

    /**
     * Keeps a sample older than the newest one (the out-of-order window allowed it). A sample at
     * a time the buffer already holds is ignored; one at a time of a persisted or in-order sample
     * is resolved at query time, where the first stored wins.
     */
    synchronized void insertOutOfOrder(long t, long bits, long blockMs) {
        if (oooT == null) {
            oooT = new long[OOO_SAMPLES];
            oooBits = new long[OOO_SAMPLES];
        }
        int at = java.util.Arrays.binarySearch(oooT, 0, oooN, t);
        if (at >= 0) {
            return;
        }
        at = -at - 1;
        System.arraycopy(oooT, at, oooT, at + 1, oooN - at);
        System.arraycopy(oooBits, at, oooBits, at + 1, oooN - at);
        oooT[at] = t;
        oooBits[at] = bits;
        oooN++;
        changed = true;
        if (oooN == OOO_SAMPLES) {
            flushOutOfOrder(blockMs);
        }
    }

    /** Turns the out-of-order buffer into closed chunks, one per block it touches. */
    private void flushOutOfOrder(long blockMs) {
        for (Chunk c : outOfOrderChunks(blockMs)) {
            if (closed == null) {
                closed = new ArrayList<>(2);
            }
            closed.add(c);
        }
        oooN = 0;
    }

    private List<Chunk> outOfOrderChunks(long blockMs) {
        List<Chunk> out = new ArrayList<>(1);
        int i = 0;
        while (i < oooN) {
            XorChunk c = new XorChunk(64);
            long block = Math.floorDiv(oooT[i], blockMs);
            int from = i;
            while (i < oooN && Math.floorDiv(oooT[i], blockMs) == block) {
                c.appendBits(oooT[i], oooBits[i]);
                i++;
            }
            out.add(new Chunk(oooT[from], oooT[i - 1], c.bytes()));
        }
        return out;
    }

    private void closeOpen() {
        if (closed == null) {
            closed = new ArrayList<>(2);
        }
        closed.add(new Chunk(open.minTime(), lastT, open.bytes()));
        open = null;
    }

    /** Deletes the head's samples in {@code [mint, maxt]}; the newest timestamp stays as it was. */
    synchronized void delete(long mint, long maxt) {
        if (closed != null) {
            List<Chunk> kept = new ArrayList<>(closed.size());
            for (Chunk c : closed) {
                Chunk f = c.overlaps(mint, maxt) ? ChunkFilter.without(c, mint, maxt) : c;
                if (f != null) {
                    kept.add(f);
                }
            }
            closed = kept;
        }
        if (open != null && open.numSamples() > 0 && open.minTime() <= maxt && lastT >= mint) {
            Chunk f = ChunkFilter.without(new Chunk(open.minTime(), lastT, open.bytes()), mint, maxt);
            open = f == null ? null : XorChunk.wrap(f.bytes(), 0, f.bytes().length);
        }
        int kept = 0;
        for (int i = 0; i < oooN; i++) {
            if (oooT[i] < mint || oooT[i] > maxt) {
                oooT[kept] = oooT[i];
                oooBits[kept++] = oooBits[i];
            }
        }
        oooN = kept;
        changed = true;
    }

    /** Restores the state a checkpoint saved: the newest sample and the open chunk's bytes (may be empty). */
    synchronized void restore(long lastT, long lastBits, byte[] openBytes) {
        this.lastT = lastT;
        this.lastBits = lastBits;
        this.open = openBytes.length > 0 ? XorChunk.wrap(openBytes, 0, openBytes.length) : null;
        if (open != null && open.numSamples() == 0) {
            open = null;
        }
    }

    /** Adds the head chunks overlapping {@code [mint, maxt]} to {@code out}, the open one as a copy. */
    synchronized void collect(long mint, long maxt, List<Chunk> out) {
        if (closed != null) {
            for (Chunk c : closed) {
                if (c.overlaps(mint, maxt)) {
                    out.add(c);
                }
            }
        }
        if (open != null && open.numSamples() > 0 && lastT >= mint && open.minTime() <= maxt) {
            out.add(new Chunk(open.minTime(), lastT, open.bytes()));
        }
        if (oooN > 0 && oooT[oooN - 1] >= mint && oooT[0] <= maxt) {
            out.addAll(outOfOrderChunks(Long.MAX_VALUE));
        }
    }

    /** Whether the head holds samples (open or closed chunks). */
    synchronized boolean hasChunks() {
        return (open != null && open.numSamples() > 0) || (closed != null && !closed.isEmpty()) || oooN > 0;
    }

    /** Chunks held in the head. */
    synchronized int chunkCount() {
        return (open != null && open.numSamples() > 0 ? 1 : 0) + (closed == null ? 0 : closed.size())
                + (oooN > 0 ? 1 : 0);
    }

    /** Oldest timestamp held in the head, or {@link Long#MAX_VALUE}. */
    synchronized long headMinT() {
        long min = open != null && open.numSamples() > 0 ? open.minTime() : Long.MAX_VALUE;
        if (closed != null) {
            for (Chunk c : closed) {
                min = Math.min(min, c.minT());
            }
        }
        return oooN > 0 ? Math.min(min, oooT[0]) : min;
    }

    /**
     * What a checkpoint persists of this series; null when nothing changed since the last one. An
     * open chunk that started before {@code closeBefore} is closed first (the series went idle).
     */
    synchronized CheckpointState checkpoint(long closeBefore, long blockMs) {
        if (oooN > 0) {
            flushOutOfOrder(blockMs);
        }
        if (open != null && open.numSamples() > 0 && open.minTime() < closeBefore) {
            closeOpen();
            changed = true;
        }
        if (!changed && (closed == null || closed.isEmpty())) {
            return null;
        }
        changed = false;
        List<Chunk> done = closed == null ? List.of() : List.copyOf(closed);
        byte[] openBytes = open == null ? new byte[0] : open.bytes();
        return new CheckpointState(this, done, lastT, lastBits, openBytes);
    }

    /** Drops closed chunks a checkpoint has written to LMDB. */
    synchronized void persisted(List<Chunk> written) {
        if (closed != null && !written.isEmpty()) {
            closed.removeAll(written);
        }
    }

    /** Marks the series changed again after a checkpoint that failed to write it. */
    synchronized void checkpointFailed() {
        changed = true;
    }

    /** A series' state as a checkpoint copies it. */
    record CheckpointState(HeadSeries series, List<Chunk> closed, long lastT, long lastBits, byte[] open) {
    }
}
