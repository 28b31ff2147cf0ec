package io.pharos.scrape.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.pharos.config.ConfigLoader;
import io.pharos.config.ConfigService;
import io.pharos.config.PrometheusConfig;
import io.pharos.spi.discovery.Discoverer;
import io.pharos.spi.discovery.DiscoveryContext;
import io.pharos.spi.discovery.DiscoveryProvider;
import io.pharos.spi.discovery.TargetGroup;
import io.pharos.spi.discovery.TargetGroupListener;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.StaleMarker;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scrape manager with a fake discovery provider coming and going. */
class ScrapeManagerDiscoveryTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private String address;
    private final RecordingStorage storage = new RecordingStorage();
    private final FakeConfig config = new FakeConfig();
    private ScrapeManager manager;

    /** Reports one group with the test's target when started; records what it was given. */
    private final class FakeProvider implements DiscoveryProvider {
        final List<FakeDiscoverer> created = new CopyOnWriteArrayList<>();

        @Override
        public String type() {
            return "fake";
        }

        @Override
        public Discoverer create(Map<String, Object> cfg, DiscoveryContext context) {
            FakeDiscoverer d = new FakeDiscoverer(cfg, context);
            created.add(d);
            return d;
        }
    }

    private final class FakeDiscoverer implements Discoverer {
        final Map<String, Object> cfg;
        final DiscoveryContext context;
        volatile boolean closed;

        FakeDiscoverer(Map<String, Object> cfg, DiscoveryContext context) {
            this.cfg = cfg;
            this.context = context;
        }

        @Override
        public void start(TargetGroupListener listener) {
            listener.update(List.of(new TargetGroup("fake:0",
                    List.of(Labels.of("__address__", address, "__meta_fake_zone", String.valueOf(cfg.get("zone")))),
                    Labels.of("team", "a"))));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class FakeConfig implements ConfigService {
        volatile PrometheusConfig current = PrometheusConfig.DEFAULT;
        volatile Path file;
        final List<Consumer<PrometheusConfig>> listeners = new CopyOnWriteArrayList<>();

        @Override
        public PrometheusConfig current() {
            return current;
        }

        @Override
        public Path file() {
            return file;
        }

        @Override
        public AutoCloseable subscribe(Consumer<PrometheusConfig> listener) {
            listeners.add(listener);
            listener.accept(current);
            return () -> listeners.remove(listener);
        }

        @Override
        public void reload() {
            listeners.forEach(l -> l.accept(current));
        }

        void set(String yaml) throws Exception {
            current = ConfigLoader.parse(yaml, file.toString());
            reload();
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] b = "m 1\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, b.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
        address = "127.0.0.1:" + server.getAddress().getPort();
        config.file = dir.resolve("prometheus.yml");
        manager = new ScrapeManager(config, storage);
        manager.start("Pharos/test", Duration.ZERO);
    }

    @AfterEach
    void stop() throws Exception {
        manager.deactivate();
        server.stop(0);
    }

    /** A job scraped hourly, so loops scrape only when the test says. */
    private static String job(String name, String zone, String relabel) {
        return "  - job_name: " + name + "\n    scrape_interval: 1h\n"
                + "    fake_sd_configs:\n      - zone: " + zone + "\n"
                + "    relabel_configs:\n      - source_labels: [__meta_fake_zone]\n        target_label: "
                + relabel + "\n";
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(5);
        }
    }

    private boolean hasTarget(String job) {
        return manager.active().stream().anyMatch(t -> t.scrapePool().equals(job));
    }

    private ScrapeLoop loopOf(String job) {
        return manager.byKey().values().stream().filter(l -> l.target().job().equals(job)).findFirst().orElseThrow();
    }

    @Test
    void discoveredTargetsComeAndGoWithTheirProvider() throws Exception {
        config.set("scrape_configs:\n" + job("disc", "eu", "zone"));
        assertTrue(manager.active().isEmpty(), "no provider yet: no targets");

        FakeProvider provider = new FakeProvider();
        manager.bindDiscoveryProvider(provider);
        await("target discovered", () -> hasTarget("disc"));
        ScrapeLoop loop = loopOf("disc");
        assertEquals(Labels.of("job", "disc", "instance", address, "team", "a", "zone", "eu"), loop.target().labels());
        assertEquals(dir, provider.created.get(0).context.configDirectory());
        assertEquals("disc", provider.created.get(0).context.jobName());
        loop.scrape(System.currentTimeMillis());
        Labels series = Labels.of("__name__", "m", "job", "disc", "instance", address, "team", "a", "zone", "eu");
        assertTrue(!storage.stored.get(series).isEmpty());

        manager.unbindDiscoveryProvider(provider);
        assertTrue(provider.created.get(0).closed);
        await("target removed", () -> !hasTarget("disc"));
        await("stale marker written", () -> {
            List<double[]> samples = storage.stored.get(series);
            return StaleMarker.isStale(samples.get(samples.size() - 1)[1]);
        });

        manager.bindDiscoveryProvider(provider);
        await("target back", () -> hasTarget("disc"));
        assertEquals(2, provider.created.size());
    }

    @Test
    void unchangedJobKeepsItsDiscovererAndLoopAcrossReloads() throws Exception {
        FakeProvider provider = new FakeProvider();
        manager.bindDiscoveryProvider(provider);
        String yaml = "scrape_configs:\n" + job("keep", "eu", "zone") + job("change", "eu", "zone");
        config.set(yaml);
        await("both targets", () -> hasTarget("keep") && hasTarget("change"));
        ScrapeLoop kept = loopOf("keep");
        ScrapeLoop changed = loopOf("change");
        assertEquals(2, provider.created.size());

        config.set(yaml);
        assertSame(kept, loopOf("keep"));
        assertSame(changed, loopOf("change"));
        assertEquals(2, provider.created.size(), "same SD configs: the discoverers stay");

        // Only relabeling changes: the discoverer stays, the target (new labels) gets a new loop.
        config.set("scrape_configs:\n" + job("keep", "eu", "zone") + job("change", "eu", "region"));
        assertSame(kept, loopOf("keep"));
        assertEquals(2, provider.created.size());
        assertEquals("eu", loopOf("change").target().labels().get("region"));

        // The SD config changes: its discoverer is replaced.
        config.set("scrape_configs:\n" + job("keep", "eu", "zone") + job("change", "us", "region"));
        assertTrue(provider.created.get(1).closed);
        assertEquals(3, provider.created.size());
        await("new zone", () -> hasTarget("change") && "us".equals(loopOf("change").target().labels().get("region")));
        assertSame(kept, loopOf("keep"));

        // The job goes: its discoverer closes.
        config.set("scrape_configs:\n" + job("keep", "eu", "zone"));
        assertTrue(provider.created.get(2).closed);
        assertTrue(!hasTarget("change"));
        assertSame(kept, loopOf("keep"));
    }

    @Test
    void staticAndDiscoveredTargetsShareTheJobsRelabeling() throws Exception {
        manager.bindDiscoveryProvider(new FakeProvider());
        config.set("scrape_configs:\n" + job("mixed", "eu", "zone")
                + "    static_configs:\n      - targets: ['127.0.0.1:1']\n        labels: {team: b}\n");
        await("both targets", () -> manager.active().size() == 2);
        List<Labels> labels = manager.active().stream().map(t -> t.labels()).sorted().toList();
        assertEquals(List.of(Labels.of("job", "mixed", "instance", "127.0.0.1:1", "team", "b"),
                Labels.of("job", "mixed", "instance", address, "team", "a", "zone", "eu")), labels);
    }
}
