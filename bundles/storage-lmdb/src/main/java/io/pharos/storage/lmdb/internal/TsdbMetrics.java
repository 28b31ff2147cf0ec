package io.pharos.storage.lmdb.internal;

import io.pharos.spi.exporter.Exporter;
import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import java.io.IOException;

/** The TSDB's state on {@code /metrics}, under the names Prometheus' TSDB uses where one exists. */
final class TsdbMetrics implements Exporter {
    private static final Labels FLOAT = Labels.of("type", "float");
    private final Tsdb tsdb;

    TsdbMetrics(Tsdb tsdb) {
        this.tsdb = tsdb;
    }

    @Override
    public String name() {
        return SELF;
    }

    @Override
    public void collect(MetricWriter out) throws IOException {
        TsdbStats s = tsdb.stats;
        gauge(out, "prometheus_tsdb_head_series", "Total number of series in the head block.", tsdb.seriesCount());
        counter(out, "prometheus_tsdb_head_series_created_total", "Total number of series created in the head",
                s.seriesCreated.sum());
        out.family("prometheus_tsdb_head_samples_appended_total", MetricType.COUNTER,
                "Total number of appended samples.");
        out.sample("prometheus_tsdb_head_samples_appended_total", FLOAT, s.samplesAppended.sum());
        out.family("prometheus_tsdb_out_of_order_samples_total", MetricType.COUNTER,
                "Total number of out of order samples ingestion failed attempts due to out of order being disabled.");
        out.sample("prometheus_tsdb_out_of_order_samples_total", FLOAT, s.outOfOrder.sum());
        out.family("prometheus_tsdb_head_out_of_order_samples_appended_total", MetricType.COUNTER,
                "Total number of appended out of order samples.");
        out.sample("prometheus_tsdb_head_out_of_order_samples_appended_total", FLOAT, s.outOfOrderAppended.sum());
        counter(out, "pharos_tsdb_duplicate_samples_total",
                "Samples rejected for a timestamp already stored with another value.", s.duplicates.sum());
        long[] range = tsdb.headRange();
        gauge(out, "prometheus_tsdb_head_min_time", "Minimum time bound of the head block.",
                range[0] == Long.MAX_VALUE ? 0 : range[0]);
        gauge(out, "prometheus_tsdb_head_max_time", "Maximum timestamp of the head block.",
                range[1] == Long.MIN_VALUE ? 0 : range[1]);
        counter(out, "prometheus_tsdb_wal_corruptions_total", "Total number of WAL corruptions.",
                s.walCorruptions.sum());
        counter(out, "prometheus_tsdb_wal_writes_failed_total", "Total number of write log writes that have failed.",
                s.walWriteFailures.sum());
        gauge(out, "prometheus_tsdb_wal_storage_size_bytes", "Size of the write log directory.", tsdb.walBytes());
        counter(out, "prometheus_tsdb_checkpoint_creations_total", "Total number of checkpoint creations attempted.",
                s.checkpoints.sum() + s.checkpointFailures.sum());
        counter(out, "prometheus_tsdb_checkpoint_creations_failed_total",
                "Total number of checkpoint creations that failed.", s.checkpointFailures.sum());
        gauge(out, "prometheus_tsdb_storage_blocks_bytes",
                "The number of bytes that are currently used for local storage by all blocks.", tsdb.lmdbUsedBytes());
        gauge(out, "pharos_tsdb_lmdb_map_size_bytes", "Current size of the LMDB memory map.", tsdb.lmdbMapBytes());
        gauge(out, "prometheus_tsdb_retention_limit_bytes", "Max number of bytes to be retained in the tsdb blocks, "
                + "configure 0 means disabled", tsdb.options().retentionBytes());
        gauge(out, "prometheus_tsdb_retention_limit_seconds", "How long to retain samples in storage.",
                tsdb.options().retentionMs() / 1000.0);
        counter(out, "prometheus_tsdb_time_retentions_total",
                "The number of times that blocks were deleted because the maximum time limit was exceeded.",
                s.timeRetentions.sum());
        counter(out, "prometheus_tsdb_size_retentions_total",
                "The number of times that blocks were deleted because the maximum number of bytes was exceeded.",
                s.sizeRetentions.sum());
    }

    private static void gauge(MetricWriter out, String name, String help, double v) throws IOException {
        out.family(name, MetricType.GAUGE, help);
        out.sample(name, v);
    }

    private static void counter(MetricWriter out, String name, String help, double v) throws IOException {
        out.family(name, MetricType.COUNTER, help);
        out.sample(name, v);
    }
}
