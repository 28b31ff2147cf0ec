package io.pharos.scrape.internal;

import io.pharos.config.ConfigService;
import io.pharos.config.HttpClientConfig;
import io.pharos.config.PrometheusConfig;
import io.pharos.config.ScrapeConfig;
import io.pharos.httpclient.ConfiguredClient;
import io.pharos.httpclient.HttpClients;
import io.pharos.relabel.RelabelConfig;
import io.pharos.scrape.DroppedTarget;
import io.pharos.scrape.ScrapeTargets;
import io.pharos.scrape.TargetMetadata;
import io.pharos.scrape.TargetStatus;
import io.pharos.spi.discovery.DiscoveryProvider;
import io.pharos.spi.exporter.Exporter;
import io.pharos.storage.Storage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link ScrapeLoop} per target of the current configuration. On a new configuration it
 * keeps loops whose target is unchanged, starts new ones and stops removed ones (their series are
 * marked stale). A job's targets come from its static groups and from the discovery providers
 * registered as {@link DiscoveryProvider} services (see {@link DiscoveryManager}).
 *
 * <p>Component property {@code discovery.update.delay} (a Prometheus duration, default 5s): how
 * long discovery updates are collected before the targets are recomputed.
 */
@Component(immediate = true, service = ScrapeTargets.class)
public final class ScrapeManager implements ScrapeTargets {
    private static final Logger LOG = LoggerFactory.getLogger(ScrapeManager.class);

    private record Running(ScrapeLoop loop, ScheduledFuture<?> future, ConfiguredClient client) {
    }

    @Reference
    private ConfigService config;
    @Reference
    private Storage storage;

    private final Map<String, Running> running = new LinkedHashMap<>();
    private final DiscoveryManager discovery = new DiscoveryManager(this::sync);
    private PrometheusConfig current = PrometheusConfig.DEFAULT;
    private List<DroppedTarget> dropped = List.of();
    private Map<String, Integer> droppedCounts = Map.of();
    /** Per job over its target_limit: the error every target of the job reports. */
    private Map<String, String> overLimit = Map.of();
    private final ScrapeStats stats = new ScrapeStats(this::targetsPerJob);
    private ScheduledExecutorService executor;
    private HttpClients clients;
    private String userAgent;
    private AutoCloseable subscription;
    private ServiceRegistration<Exporter> statsRegistration;

    public ScrapeManager() {
    }

    /** For tests, without OSGi. */
    ScrapeManager(ConfigService config, Storage storage) {
        this.config = config;
        this.storage = storage;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDiscoveryProvider(DiscoveryProvider provider) {
        discovery.addProvider(provider);
    }

    void unbindDiscoveryProvider(DiscoveryProvider provider) {
        discovery.removeProvider(provider);
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        Object delay = properties.get("discovery.update.delay");
        statsRegistration = context.registerService(Exporter.class, stats, new Hashtable<>());
        start("Pharos/" + context.getBundle().getVersion(),
                delay == null ? Duration.ofSeconds(5) : io.pharos.config.Durations.parse(delay.toString()));
    }

    /** Starts the threads, then follows the configuration. */
    void start(String agent, Duration discoveryUpdateDelay) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "pharos-scrape-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        executor = Executors.newScheduledThreadPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), threads);
        clients = new HttpClients(Executors.newCachedThreadPool(threads));
        userAgent = agent;
        discovery.open(executor, discoveryUpdateDelay);
        subscription = config.subscribe(this::apply);
    }

    @Deactivate
    void deactivate() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
        discovery.close();
        synchronized (this) {
            for (Running r : running.values()) {
                r.future().cancel(false);
                r.loop().stop(false, 0);
            }
            running.clear();
        }
        executor.shutdownNow();
        try {
            if (statsRegistration != null) {
                statsRegistration.unregister();
            }
        } catch (IllegalStateException alreadyGone) {
            // unregistered with the bundle
        }
    }

    /** Applies a configuration: brings discovery in line, then the scrape loops. */
    synchronized void apply(PrometheusConfig cfg) {
        current = cfg;
        discovery.apply(cfg.scrapeConfigs(), configDirectory());
        sync();
    }

    private Path configDirectory() {
        Path dir = config.file().toAbsolutePath().getParent();
        return dir == null ? Path.of("").toAbsolutePath() : dir;
    }

    /** Diffs the targets of the configuration and of discovery against the running loops. */
    synchronized void sync() {
        PrometheusConfig cfg = current;
        Map<String, Target> wanted = new LinkedHashMap<>();
        Map<String, ConfiguredClient> clientOf = new HashMap<>();
        List<DroppedTarget> droppedNow = new ArrayList<>();
        Map<String, Integer> droppedCountsNow = new TreeMap<>();
        Map<String, String> overLimitNow = new HashMap<>();
        Path configDir = configDirectory();
        for (ScrapeConfig sc : cfg.scrapeConfigs()) {
            HttpClientConfig httpConfig;
            try {
                httpConfig = sc.httpClientConfig(configDir);
                clients.client(httpConfig, sc.enableCompression()); // fails early on unusable TLS material
            } catch (IllegalArgumentException e) {
                LOG.error("job {} not scraped: error creating HTTP client: {}", sc.jobName(), e.getMessage());
                continue;
            }
            List<RelabelConfig> metricRelabeling = TargetBuilder.relabeling(sc.metricRelabelConfigs());
            ScrapeLimits limits;
            ContentNegotiation negotiation;
            try {
                limits = ScrapeLimits.of(sc, cfg.global());
                negotiation = new ContentNegotiation(sc.scrapeProtocols(cfg.global()));
            } catch (IllegalArgumentException e) {
                LOG.error("job {} not scraped: {}", sc.jobName(), e.getMessage());
                continue;
            }
            int keepDropped = ScrapeLimits.keepDroppedTargets(sc, cfg.global());
            droppedCountsNow.put(sc.jobName(), 0);
            List<Target> poolTargets = new ArrayList<>();
            for (Target t : TargetBuilder.targets(sc, TargetBuilder.relabeling(sc.relabelConfigs()),
                    discovery.groups(sc.jobName()), problem -> LOG.warn("target skipped: {}", problem),
                    labels -> {
                        // Prometheus keeps the first keep_dropped_targets, and counts them all.
                        int n = droppedCountsNow.merge(sc.jobName(), 1, Integer::sum);
                        if (keepDropped == 0 || n <= keepDropped) {
                            droppedNow.add(new DroppedTarget(sc.jobName(), labels));
                        }
                    })) {
                Target target = t.withJobSettings(metricRelabeling, limits).withNegotiation(negotiation);
                if (wanted.putIfAbsent(target.key(), target) == null) {
                    poolTargets.add(target);
                }
            }
            int shards = HttpClients.shardsFor(poolTargets.size());
            for (Target target : poolTargets) {
                int shard = Math.floorMod(target.url().hashCode(), shards);
                clientOf.put(target.key(), clients.client(httpConfig, sc.enableCompression(), shard));
            }
            int targetLimit = ScrapeLimits.targetLimit(sc, cfg.global());
            if (targetLimit > 0 && poolTargets.size() > targetLimit) {
                overLimitNow.put(sc.jobName(), "target_limit exceeded (number of targets: " + poolTargets.size()
                        + ", limit: " + targetLimit + ")");
                LOG.warn("job {}: target_limit exceeded ({} targets, limit {}): none of them is scraped",
                        sc.jobName(), poolTargets.size(), targetLimit);
            }
        }
        dropped = List.copyOf(droppedNow);
        droppedCounts = java.util.Collections.unmodifiableMap(droppedCountsNow);
        overLimit = Map.copyOf(overLimitNow);
        clients.retainOnly(clientOf.values());
        long now = System.currentTimeMillis();
        running.entrySet().removeIf(e -> {
            // A target whose job changed its HTTP settings restarts with the new client; one that
            // only moved to another shard (its pool grew or shrank) keeps its loop and client.
            if (wanted.containsKey(e.getKey())
                    && clientOf.get(e.getKey()).decorator().equals(e.getValue().client().decorator())) {
                return false;
            }
            e.getValue().future().cancel(false);
            executor.execute(() -> e.getValue().loop().stop(true, now));
            return true;
        });
        int started = 0;
        for (Map.Entry<String, Target> e : wanted.entrySet()) {
            if (!running.containsKey(e.getKey())) {
                Target t = e.getValue();
                ConfiguredClient jobClient = clientOf.get(e.getKey());
                ScrapeLoop loop = new ScrapeLoop(t, storage, jobClient, stats, userAgent);
                long interval = t.interval().toMillis();
                ScheduledFuture<?> f = executor.scheduleAtFixedRate(loop, offset(t, interval, now), interval,
                        TimeUnit.MILLISECONDS);
                running.put(e.getKey(), new Running(loop, f, jobClient));
                started++;
            }
        }
        for (Running r : running.values()) {
            r.loop().forceError(overLimit.get(r.loop().target().job()));
        }
        LOG.info("scrape targets: {} running, {} started", running.size(), started);
    }

    /**
     * Spreads targets over the interval: each target scrapes at a fixed phase derived from its
     * identity, so restarts keep the phase and targets do not all fire at once.
     */
    static long offset(Target t, long interval, long now) {
        long phase = Math.floorMod((long) t.key().hashCode() * 0x9E3779B97F4A7C15L, interval);
        return Math.floorMod(phase - now, interval);
    }

    @Override
    public synchronized List<TargetStatus> active() {
        List<TargetStatus> out = new ArrayList<>(running.size());
        for (Running r : running.values()) {
            ScrapeLoop loop = r.loop();
            Target t = loop.target();
            String health = loop.lastScrapeMs() == 0 ? "unknown" : loop.healthy() ? "up" : "down";
            out.add(new TargetStatus(t.job(), t.url().toString(), t.discoveredLabels(), t.labels(), health,
                    loop.lastError(), loop.lastScrapeMs(), loop.lastDurationSeconds(), t.interval(), t.timeout()));
        }
        return out;
    }

    @Override
    public synchronized List<DroppedTarget> dropped() {
        return dropped;
    }

    @Override
    public synchronized Map<String, Integer> droppedCounts() {
        return droppedCounts;
    }

    @Override
    public synchronized List<TargetMetadata> metadata() {
        List<TargetMetadata> out = new ArrayList<>(running.size());
        for (Running r : running.values()) {
            Target t = r.loop().target();
            out.add(new TargetMetadata(t.job(), t.labels(), r.loop().metadata()));
        }
        return out;
    }

    private synchronized Map<String, Integer> targetsPerJob() {
        Map<String, Integer> out = new TreeMap<>();
        for (Running r : running.values()) {
            out.merge(r.loop().target().job(), 1, Integer::sum);
        }
        return out;
    }

    /** For tests: the loops by target key. */
    synchronized Map<String, ScrapeLoop> byKey() {
        Map<String, ScrapeLoop> out = new HashMap<>();
        running.forEach((k, v) -> out.put(k, v.loop()));
        return out;
    }
}
