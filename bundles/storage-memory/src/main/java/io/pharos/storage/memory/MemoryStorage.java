package io.pharos.storage.memory;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MatchType;
import io.pharos.spi.model.Series;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.SelectHints;
import io.pharos.spi.storage.StorageBackend;
import io.pharos.spi.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every series in memory: for tests and ephemeral use. Data is lost when the bundle stops.
 * Samples older than the retention time are dropped in the background.
 */
@Component(service = StorageBackend.class, configurationPid = "io.pharos.storage.memory",
        property = StorageBackend.ROLE_PROPERTY + "=" + StorageBackend.ROLE_PRIMARY)
@Designate(ocd = MemoryStorage.Config.class)
public final class MemoryStorage implements StorageBackend {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryStorage.class);

    @ObjectClassDefinition(name = "Pharos in-memory storage")
    public @interface Config {
        @AttributeDefinition(description = "Samples older than this many hours are dropped")
        long retention_hours() default 24;

        @AttributeDefinition(description = "File the data is saved to on stop and loaded from on start; "
                + "empty: ${karaf.data}/pharos/memory.snapshot (none outside Karaf); 'none': keep nothing")
        String snapshot_file() default "";
    }

    private final Map<Labels, MemSeries> byLabels = new ConcurrentHashMap<>();
    private final Map<Long, MemSeries> byRef = new ConcurrentHashMap<>();
    private final Map<String, Collection<MemSeries>> byName = new ConcurrentHashMap<>();
    private final AtomicLong nextRef = new AtomicLong(1);
    private volatile boolean closed;
    private ScheduledExecutorService janitor;
    private Path snapshotFile;

    public MemoryStorage() {
    }

    @Activate
    void activate(Config config) {
        snapshotFile = snapshotFile(config.snapshot_file());
        if (snapshotFile != null && Files.exists(snapshotFile)) {
            load(snapshotFile);
        }
        long retentionMs = Duration.ofHours(Math.max(1, config.retention_hours())).toMillis();
        janitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pharos-memory-retention");
            t.setDaemon(true);
            return t;
        });
        janitor.scheduleWithFixedDelay(() -> truncate(System.currentTimeMillis() - retentionMs),
                5, 5, TimeUnit.MINUTES);
    }

    @Deactivate
    void deactivate() {
        closed = true;
        if (janitor != null) {
            janitor.shutdownNow();
        }
        if (snapshotFile != null) {
            try {
                Snapshot.write(snapshotFile, byLabels.values());
                LOG.info("in-memory storage saved {} series to {}", byLabels.size(), snapshotFile);
            } catch (IOException e) {
                LOG.error("in-memory storage could not be saved to {}: {}", snapshotFile, e.toString());
            }
        }
    }

    private static Path snapshotFile(String configured) {
        if ("none".equals(configured)) {
            return null;
        }
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        String data = System.getProperty("karaf.data");
        return data == null ? null : Path.of(data, "pharos", "memory.snapshot");
    }

    /** Loads a snapshot; an unreadable one is set aside so that the next stop does not overwrite it. */
    private void load(Path file) {
        long t0 = System.nanoTime();
        try {
            long samples = Snapshot.read(file, (labels, t, v) -> getOrCreate(labels).add(t, v));
            LOG.info("in-memory storage loaded {} series, {} samples from {} in {} ms", byLabels.size(), samples,
                    file, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
            LOG.error("in-memory storage could not load {} ({}); moved it to {} and starting empty", file, e, aside);
            byLabels.clear();
            byRef.clear();
            byName.clear();
            try {
                Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.error("could not move {} aside: {}", file, moveFailed.toString());
            }
        }
    }

    @Override
    public String name() {
        return "memory";
    }

    /** Drops samples before {@code cutoff} and series left without samples. */
    void truncate(long cutoff) {
        int removed = 0;
        for (MemSeries s : byLabels.values()) {
            if (s.truncateBefore(cutoff)) {
                byLabels.remove(s.labels);
                byRef.remove(s.ref);
                Collection<MemSeries> named = byName.get(s.labels.getOrEmpty(Labels.METRIC_NAME));
                if (named != null) {
                    named.remove(s);
                }
                removed++;
            }
        }
        if (removed > 0) {
            LOG.debug("retention removed {} series", removed);
        }
    }

    public int seriesCount() {
        return byLabels.size();
    }

    private MemSeries getOrCreate(Labels labels) {
        MemSeries s = byLabels.get(labels);
        if (s != null) {
            return s;
        }
        return byLabels.computeIfAbsent(labels, l -> {
            MemSeries created = new MemSeries(l, nextRef.getAndIncrement());
            byRef.put(created.ref, created);
            byName.computeIfAbsent(l.getOrEmpty(Labels.METRIC_NAME), n -> ConcurrentHashMap.newKeySet())
                    .add(created);
            return created;
        });
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("in-memory storage is stopped", true);
        }
    }

    @Override
    public Appender appender() {
        ensureOpen();
        return new MemAppender();
    }

    /** Buffers a batch in primitive arrays; applies it on commit. */
    private final class MemAppender implements Appender {
        private MemSeries[] series = new MemSeries[64];
        private long[] ts = new long[64];
        private double[] vs = new double[64];
        private int n;

        @Override
        public long append(long ref, Labels labels, long t, double v) {
            ensureOpen();
            MemSeries s = ref != 0 ? byRef.get(ref) : null;
            if (s == null || !s.labels.equals(labels)) {
                if (labels.metricName() == null) {
                    throw new StorageException("sample without metric name: " + labels, false);
                }
                s = getOrCreate(labels);
            }
            if (!s.check(t, v)) {
                return s.ref;
            }
            if (n == ts.length) {
                series = Arrays.copyOf(series, n * 2);
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
            }
            series[n] = s;
            ts[n] = t;
            vs[n] = v;
            n++;
            return s.ref;
        }

        @Override
        public void commit() {
            ensureOpen();
            for (int i = 0; i < n; i++) {
                series[i].add(ts[i], vs[i]);
                series[i] = null;
            }
            n = 0;
        }

        @Override
        public void rollback() {
            Arrays.fill(series, 0, n, null);
            n = 0;
        }
    }

    @Override
    public Querier querier(long mint, long maxt) {
        ensureOpen();
        return new MemQuerier(mint, maxt);
    }

    /** A series as one querier sees it: its samples within the querier's range. */
    private record RangeSeries(MemSeries series, long mint, long maxt) implements Series {
        @Override
        public Labels labels() {
            return series.labels;
        }

        @Override
        public SampleIterator iterator() {
            return series.iterator(mint, maxt);
        }
    }

    private final class MemQuerier implements Querier {
        private final long mint;
        private final long maxt;

        MemQuerier(long mint, long maxt) {
            this.mint = mint;
            this.maxt = maxt;
        }

        private List<MemSeries> matching(List<LabelMatcher> matchers) {
            Collection<MemSeries> candidates = byLabels.values();
            for (LabelMatcher m : matchers) {
                if (m.name().equals(Labels.METRIC_NAME) && m.type() == MatchType.EQUAL) {
                    candidates = byName.getOrDefault(m.value(), List.of());
                    break;
                }
            }
            List<MemSeries> out = new ArrayList<>();
            outer:
            for (MemSeries s : candidates) {
                if (!s.overlaps(mint, maxt)) {
                    continue;
                }
                for (LabelMatcher m : matchers) {
                    if (!m.matches(s.labels.get(m.name()))) {
                        continue outer;
                    }
                }
                out.add(s);
            }
            return out;
        }

        @Override
        public SeriesSet select(boolean sorted, SelectHints hints, List<LabelMatcher> matchers) {
            ensureOpen();
            List<MemSeries> found = matching(matchers);
            if (sorted) {
                found.sort((a, b) -> a.labels.compareTo(b.labels));
            }
            List<Series> out = new ArrayList<>(found.size());
            for (MemSeries m : found) {
                out.add(new RangeSeries(m, mint, maxt));
            }
            return SeriesSet.of(out);
        }

        @Override
        public List<String> labelNames(List<LabelMatcher> matchers) {
            TreeSet<String> names = new TreeSet<>();
            for (MemSeries s : matching(matchers)) {
                for (int i = 0; i < s.labels.size(); i++) {
                    names.add(s.labels.name(i));
                }
            }
            return new ArrayList<>(names);
        }

        @Override
        public List<String> labelValues(String name, List<LabelMatcher> matchers) {
            TreeSet<String> values = new TreeSet<>();
            for (MemSeries s : matching(matchers)) {
                String v = s.labels.get(name);
                if (v != null) {
                    values.add(v);
                }
            }
            return new ArrayList<>(values);
        }

        @Override
        public void close() {
        }
    }
}
