package io.pharos.scrape.internal;

import io.pharos.config.ScrapeConfig;
import io.pharos.spi.discovery.Discoverer;
import io.pharos.spi.discovery.DiscoveryContext;
import io.pharos.spi.discovery.DiscoveryProvider;
import io.pharos.spi.discovery.TargetGroup;
import io.pharos.spi.model.PluginConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Discoverer} per {@code <type>_sd_configs} entry of every job whose type has a
 * provider, and keeps the groups each reports by source. Updates are coalesced: the scrape
 * manager is told at most once per {@code updateDelay} (Prometheus applies discovery updates every
 * 5 s), so a provider that reports often does not churn the scrape loops.
 *
 * <p>Providers come and go (OSGi whiteboard): a provider's discoverers close with it and their
 * groups go; a provider arriving later serves the jobs that ask for its type. A job whose SD
 * configs did not change across a reload keeps its discoverers and their groups.
 *
 * <p>Locking: discoverers are started under this object's lock (start must not block) but closed
 * outside it, since a discoverer may wait for a listener call that needs the lock.
 */
final class DiscoveryManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryManager.class);

    /** One running discoverer and the groups it reported, by source. */
    private static final class Source {
        final String type;
        final DiscoveryProvider provider;
        final Map<String, TargetGroup> groups = new LinkedHashMap<>();
        Discoverer discoverer;
        volatile boolean closed;

        Source(String type, DiscoveryProvider provider) {
            this.type = type;
            this.provider = provider;
        }
    }

    /** A job's discovery: the config it was built from and its discoverers. */
    private record Job(ScrapeConfig config, Path directory, List<Source> sources) {
    }

    private final Runnable onUpdate;
    /** Providers in arrival order; the first with a type serves it. */
    private final List<DiscoveryProvider> providers = new ArrayList<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private ScheduledExecutorService executor;
    private long delayMs;
    private boolean flushScheduled;

    DiscoveryManager(Runnable onUpdate) {
        this.onUpdate = onUpdate;
    }

    /** Starts telling {@code onUpdate} about changes, at most once per {@code updateDelay}. */
    synchronized void open(ScheduledExecutorService scheduler, Duration updateDelay) {
        this.executor = scheduler;
        this.delayMs = updateDelay.toMillis();
    }

    synchronized void addProvider(DiscoveryProvider provider) {
        providers.add(provider);
        String type = provider.type();
        if (providerFor(type) != provider) {
            return;
        }
        for (Map.Entry<String, Job> e : jobs.entrySet()) {
            startSources(e.getKey(), e.getValue(), type, provider);
        }
    }

    void removeProvider(DiscoveryProvider provider) {
        List<Source> retired = new ArrayList<>();
        synchronized (this) {
            if (!providers.remove(provider)) {
                return;
            }
            DiscoveryProvider next = providerFor(provider.type());
            for (Map.Entry<String, Job> e : jobs.entrySet()) {
                boolean had = e.getValue().sources().removeIf(s -> {
                    if (s.provider != provider) {
                        return false;
                    }
                    s.closed = true;
                    retired.add(s);
                    return true;
                });
                if (had && next != null) {
                    startSources(e.getKey(), e.getValue(), provider.type(), next);
                }
            }
            if (!retired.isEmpty()) {
                scheduleFlush();
            }
        }
        closeAll(retired);
    }

    /**
     * Brings the discoverers in line with a configuration: jobs with the same SD configs keep
     * theirs, others are replaced, removed jobs lose theirs. Warns about each SD type of the
     * configuration that has no provider.
     */
    void apply(List<ScrapeConfig> configs, Path directory) {
        List<Source> retired = new ArrayList<>();
        synchronized (this) {
            Map<String, Job> old = new HashMap<>(jobs);
            jobs.clear();
            for (ScrapeConfig sc : configs) {
                Job previous = old.remove(sc.jobName());
                if (previous != null && previous.config().sdConfigs().equals(sc.sdConfigs())
                        && previous.directory().equals(directory)) {
                    jobs.put(sc.jobName(), new Job(sc, directory, previous.sources()));
                    continue;
                }
                if (previous != null) {
                    retire(previous, retired);
                }
                Job job = new Job(sc, directory, new ArrayList<>());
                jobs.put(sc.jobName(), job);
                for (String type : sc.sdConfigs().keySet()) {
                    DiscoveryProvider provider = providerFor(type);
                    if (provider != null) {
                        startSources(sc.jobName(), job, type, provider);
                    }
                }
            }
            old.values().forEach(j -> retire(j, retired));
            for (ScrapeConfig sc : configs) {
                for (String type : sc.sdConfigs().keySet()) {
                    if (providerFor(type) == null) {
                        LOG.warn("job {}: no discovery provider for {}{} is installed; its targets are not discovered",
                                sc.jobName(), type, ScrapeConfig.SD_CONFIGS_SUFFIX);
                    }
                }
            }
        }
        closeAll(retired);
    }

    /** The groups currently discovered for a job, in a stable order. */
    synchronized List<TargetGroup> groups(String jobName) {
        Job job = jobs.get(jobName);
        if (job == null) {
            return List.of();
        }
        List<TargetGroup> out = new ArrayList<>();
        for (Source s : job.sources()) {
            out.addAll(s.groups.values());
        }
        return out;
    }

    @Override
    public void close() {
        List<Source> retired = new ArrayList<>();
        synchronized (this) {
            jobs.values().forEach(j -> retire(j, retired));
            jobs.clear();
            executor = null;
        }
        closeAll(retired);
    }

    private DiscoveryProvider providerFor(String type) {
        for (DiscoveryProvider p : providers) {
            if (p.type().equals(type)) {
                return p;
            }
        }
        return null;
    }

    /** Creates and starts a discoverer for each of the job's entries of {@code type}. */
    private void startSources(String jobName, Job job, String type, DiscoveryProvider provider) {
        List<Map<String, Object>> entries = job.config().sdConfigs().get(type);
        if (entries == null) {
            return;
        }
        DiscoveryContext context = new Context(jobName, job.directory());
        for (int i = 0; i < entries.size(); i++) {
            Source source = new Source(type, provider);
            try {
                source.discoverer = provider.create(entries.get(i), context);
                job.sources().add(source);
                source.discoverer.start(groups -> update(source, groups));
            } catch (PluginConfigException | RuntimeException e) {
                job.sources().remove(source);
                LOG.error("job {}, {}{}[{}]: {}", jobName, type, ScrapeConfig.SD_CONFIGS_SUFFIX, i, e.getMessage());
            }
        }
    }

    private void update(Source source, List<TargetGroup> groups) {
        synchronized (this) {
            if (source.closed) {
                return;
            }
            for (TargetGroup g : groups) {
                if (g.targets().isEmpty()) {
                    source.groups.remove(g.source());
                } else {
                    source.groups.put(g.source(), g);
                }
            }
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        if (flushScheduled || executor == null) {
            return;
        }
        flushScheduled = true;
        executor.schedule(this::flush, delayMs, TimeUnit.MILLISECONDS);
    }

    private void flush() {
        synchronized (this) {
            flushScheduled = false;
        }
        try {
            onUpdate.run();
        } catch (RuntimeException e) {
            LOG.error("applying discovered targets failed", e);
        }
    }

    private static void retire(Job job, List<Source> retired) {
        for (Source s : job.sources()) {
            s.closed = true;
            retired.add(s);
        }
    }

    private static void closeAll(List<Source> retired) {
        for (Source s : retired) {
            try {
                s.discoverer.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the {} discoverer failed", s.type, e);
            }
        }
    }

    private record Context(String jobName, Path configDirectory) implements DiscoveryContext {
    }
}
