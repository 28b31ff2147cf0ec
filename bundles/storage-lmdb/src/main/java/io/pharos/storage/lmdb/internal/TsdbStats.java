package io.pharos.storage.lmdb.internal;

import java.util.concurrent.atomic.LongAdder;

/** Counters of a {@link Tsdb}, exported under Prometheus' TSDB metric names. */
final class TsdbStats {
    final LongAdder samplesAppended = new LongAdder();
    final LongAdder seriesCreated = new LongAdder();
    final LongAdder outOfOrder = new LongAdder();
    final LongAdder outOfOrderAppended = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder walCorruptions = new LongAdder();
    final LongAdder walWriteFailures = new LongAdder();
    final LongAdder checkpoints = new LongAdder();
    final LongAdder checkpointFailures = new LongAdder();
    final LongAdder timeRetentions = new LongAdder();
    final LongAdder sizeRetentions = new LongAdder();
}
