package io.pharos.storage.lmdb.internal;

/**
 * Settings of a {@link Tsdb}.
 *
 * @param blockMs time span of a block: chunks never cross a block edge, retention drops whole blocks
 * @param retentionMs data older than this is deleted (0: keep by time forever)
 * @param retentionBytes the oldest blocks are deleted while LMDB uses more than this (0: no limit)
 * @param checkpointMs how often head chunks and new series are written to LMDB and the WAL cut
 * @param walSegmentBytes a WAL segment is rolled when it reaches this size
 * @param initialMapBytes LMDB map size to start with; it doubles on demand
 * @param maxMapBytes LMDB map size never grows past this
 * @param outOfOrderWindowMs samples up to this much older than the newest one are accepted out of
 *        order (0: rejected, Prometheus' default)
 * @param headClosedBytesLimit a checkpoint is due early once chunks of this many bytes closed
 *        since the last one (0: only by time)
 */
public record TsdbOptions(long blockMs, long retentionMs, long retentionBytes, long checkpointMs,
        long walSegmentBytes, long initialMapBytes, long maxMapBytes, long outOfOrderWindowMs,
        long headClosedBytesLimit) {
    public static final long HOUR = 3_600_000L;

    public static TsdbOptions defaults() {
        return new TsdbOptions(2 * HOUR, 15 * 24 * HOUR, 0, 5 * 60_000L, 128L << 20, 64L << 20, 1L << 40, 0, 64L << 20);
    }

    public TsdbOptions withRetention(long ms, long bytes) {
        return new TsdbOptions(blockMs, ms, bytes, checkpointMs, walSegmentBytes, initialMapBytes, maxMapBytes, outOfOrderWindowMs,
                headClosedBytesLimit);
    }

    public TsdbOptions withCheckpointMs(long ms) {
        return new TsdbOptions(blockMs, retentionMs, retentionBytes, ms, walSegmentBytes, initialMapBytes, maxMapBytes, outOfOrderWindowMs,
                headClosedBytesLimit);
    }

    public TsdbOptions withMapBytes(long initial, long max) {
        return new TsdbOptions(blockMs, retentionMs, retentionBytes, checkpointMs, walSegmentBytes, initial, max,
                outOfOrderWindowMs, headClosedBytesLimit);
    }

    public TsdbOptions withBlockMs(long ms) {
        return new TsdbOptions(ms, retentionMs, retentionBytes, checkpointMs, walSegmentBytes, initialMapBytes, maxMapBytes, outOfOrderWindowMs,
                headClosedBytesLimit);
    }

    public TsdbOptions withOutOfOrderWindowMs(long ms) {
        return new TsdbOptions(blockMs, retentionMs, retentionBytes, checkpointMs, walSegmentBytes, initialMapBytes,
                maxMapBytes, ms, headClosedBytesLimit);
    }

    public TsdbOptions withHeadClosedBytesLimit(long bytes) {
        return new TsdbOptions(blockMs, retentionMs, retentionBytes, checkpointMs, walSegmentBytes, initialMapBytes,
                maxMapBytes, outOfOrderWindowMs, bytes);
    }
}
