package io.pharos.storage.lmdb.internal;

import io.pharos.config.Durations;
import io.pharos.spi.exporter.Exporter;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.storage.StorageAdmin;
import io.pharos.spi.storage.StorageBackend;
import io.pharos.spi.storage.StorageStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LMDB-backed TSDB as the platform's storage backend, with its metrics on {@code /metrics}.
 * It starts only with a configuration ({@code etc/io.pharos.storage.lmdb.cfg}), so that a
 * distribution chooses its backend by the file it ships.
 */
@Component(service = StorageBackend.class, configurationPid = "io.pharos.storage.lmdb",
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {StorageBackend.ROLE_PROPERTY + "=" + StorageBackend.ROLE_PRIMARY, "service.ranking:Integer=100"})
@Designate(ocd = LmdbStorage.Config.class)
public final class LmdbStorage implements StorageBackend, StorageStatus, StorageAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(LmdbStorage.class);

    @ObjectClassDefinition(name = "Pharos LMDB storage")
    public @interface Config {
        @AttributeDefinition(description = "Directory of the database; empty: ${karaf.data}/pharos/tsdb")
        String path() default "";

        @AttributeDefinition(description = "How long to keep samples (Prometheus duration, 0: forever)")
        String retention_time() default "15d";

        @AttributeDefinition(description = "Most bytes LMDB may use before the oldest blocks go (e.g. 10GB, 0: no limit)")
        String retention_size() default "0";

        @AttributeDefinition(description = "How often head chunks are written to LMDB and the WAL is cut")
        String checkpoint_interval() default "5m";

        @AttributeDefinition(description = "Checkpoint early once chunks of this size closed since the last one "
                + "(bounds the head's memory at high ingest rates; 0: by time only)")
        String checkpoint_closed_bytes() default "64MB";

        @AttributeDefinition(description = "How often the WAL is flushed to the device (power-loss safety; "
                + "a crash of the process loses nothing acknowledged either way)")
        String wal_sync_interval() default "10s";

        @AttributeDefinition(description = "Largest size the LMDB map may grow to")
        String max_map_size() default "1TB";

        @AttributeDefinition(description = "Accept samples up to this much older than the newest one "
                + "(Prometheus' storage.tsdb.out_of_order_time_window; 0: reject them)")
        String out_of_order_time_window() default "0s";
    }

    private Tsdb tsdb;
    private ScheduledExecutorService background;
    private ServiceRegistration<Exporter> metrics;

    @Activate
    void activate(Config config, BundleContext context) throws IOException {
        TsdbOptions options = TsdbOptions.defaults()
                .withRetention(Durations.parse(config.retention_time()).toMillis(),
                        ByteSizes.parse(config.retention_size()))
                .withCheckpointMs(Math.max(1000, Durations.parse(config.checkpoint_interval()).toMillis()))
                .withMapBytes(TsdbOptions.defaults().initialMapBytes(), ByteSizes.parse(config.max_map_size()))
                .withOutOfOrderWindowMs(Durations.parse(config.out_of_order_time_window()).toMillis())
                .withHeadClosedBytesLimit(ByteSizes.parse(config.checkpoint_closed_bytes()));
        long syncMs = Durations.parse(config.wal_sync_interval()).toMillis();
        Path dir = directory(config.path());
        tsdb = Tsdb.open(dir, options);
        background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pharos-tsdb-maintenance");
            t.setDaemon(true);
            return t;
        });
        background.scheduleWithFixedDelay(this::checkpoint, options.checkpointMs(), options.checkpointMs(),
                TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(this::retention, 1, 60, TimeUnit.SECONDS);
        // Early checkpoints when ingest closes chunks faster than the timer persists them.
        background.scheduleWithFixedDelay(() -> {
            if (tsdb.checkpointDue()) {
                checkpoint();
            }
        }, 1, 1, TimeUnit.SECONDS);
        if (syncMs > 0) {
            background.scheduleWithFixedDelay(this::sync, syncMs, syncMs, TimeUnit.MILLISECONDS);
        }
        metrics = context.registerService(Exporter.class, new TsdbMetrics(tsdb), null);
        LOG.info("LMDB storage ready in {} (retention {} / {}), {} series", dir, config.retention_time(),
                config.retention_size(), tsdb.seriesCount());
    }

    static Path directory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String data = System.getProperty("karaf.data");
        return data == null ? Path.of("data", "tsdb") : Path.of(data, "pharos", "tsdb");
    }

    private void checkpoint() {
        try {
            tsdb.checkpoint();
        } catch (IOException | RuntimeException e) {
            LOG.error("TSDB checkpoint failed (the WAL keeps the data; retrying at the next interval): {}",
                    e.getMessage());
        }
    }

    private void retention() {
        try {
            tsdb.applyRetention(System.currentTimeMillis());
        } catch (IOException | RuntimeException e) {
            LOG.error("TSDB retention failed: {}", e.getMessage());
        }
    }

    private void sync() {
        try {
            tsdb.syncWal();
        } catch (IOException | RuntimeException e) {
            LOG.warn("TSDB WAL sync failed: {}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() throws IOException {
        if (metrics != null) {
            metrics.unregister();
        }
        background.shutdownNow();
        try {
            background.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tsdb.close();
        LOG.info("LMDB storage in {} closed", tsdb.directory());
    }

    @Override
    public String name() {
        return "lmdb";
    }

    @Override
    public Appender appender() {
        return tsdb.appender();
    }

    @Override
    public Querier querier(long mint, long maxt) {
        return tsdb.querier(mint, maxt);
    }

    @Override
    public Snapshot status(int limit) {
        return tsdb.status(limit);
    }

    @Override
    public String snapshot(boolean skipHead) throws IOException {
        return tsdb.snapshot(skipHead);
    }

    @Override
    public void deleteSeries(List<LabelMatcher> matchers, long mint, long maxt) throws IOException {
        tsdb.deleteSeries(matchers, mint, maxt);
    }

    @Override
    public void cleanTombstones() {
        // Deletion rewrites chunks at once: there are no tombstones to clean.
    }

    Tsdb tsdb() {
        return tsdb;
    }
}
