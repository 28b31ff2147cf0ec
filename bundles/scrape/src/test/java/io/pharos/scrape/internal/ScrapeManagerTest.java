package io.pharos.scrape.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.config.ConfigLoader;
import io.pharos.config.ConfigService;
import io.pharos.config.PrometheusConfig;
import io.pharos.httpclient.HttpClients;
import io.pharos.scrape.DroppedTarget;
import io.pharos.scrape.TargetStatus;
import io.pharos.storage.Storage;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool-level limits of the scrape manager: target_limit and keep_dropped_targets. */
class ScrapeManagerTest {
    private final ScrapeManager manager = new ScrapeManager();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    private final Storage storage = new RecordingStorage();

    @BeforeEach
    void wire() throws Exception {
        // What activate() would set up, without a framework.
        set("storage", storage);
        set("executor", executor);
        set("clients", new HttpClients(executor));
        set("config", new ConfigService() {
            @Override
            public PrometheusConfig current() {
                return PrometheusConfig.DEFAULT;
            }

            @Override
            public Path file() {
                return Path.of("prometheus.yml");
            }

            @Override
            public AutoCloseable subscribe(Consumer<PrometheusConfig> listener) {
                return () -> { };
            }

            @Override
            public void reload() {
            }
        });
        set("userAgent", "Pharos/test");
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private void set(String field, Object value) throws Exception {
        Field f = ScrapeManager.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(manager, value);
    }

    private static final String DROP_ODD = "    relabel_configs:\n"
            + "      - source_labels: [__address__]\n        regex: '.*:(1|3|5)'\n        action: drop\n";

    @Test
    void keepDroppedTargetsKeepsTheFirstOnesAndCountsAll() throws Exception {
        manager.apply(ConfigLoader.parse("global:\n  keep_dropped_targets: 5\n"
                + "scrape_configs:\n  - job_name: a\n    scrape_interval: 1h\n    keep_dropped_targets: 2\n" + DROP_ODD
                + "    static_configs:\n      - targets: ['127.0.0.1:1', '127.0.0.1:2', '127.0.0.1:3', '127.0.0.1:5']\n"
                + "  - job_name: b\n    scrape_interval: 1h\n" + DROP_ODD
                + "    static_configs:\n      - targets: ['127.0.0.1:1', '127.0.0.1:3']\n", "prometheus.yml"));
        List<DroppedTarget> dropped = manager.dropped();
        assertEquals(List.of("a 127.0.0.1:1", "a 127.0.0.1:3", "b 127.0.0.1:1", "b 127.0.0.1:3"),
                dropped.stream().map(d -> d.scrapePool() + " " + d.discoveredLabels().get("__address__")).toList());
        assertEquals(Map.of("a", 3, "b", 2), manager.droppedCounts());
    }

    @Test
    void targetLimitFailsEveryTargetOfThePoolWithoutScraping() throws Exception {
        manager.apply(ConfigLoader.parse("scrape_configs:\n"
                + "  - job_name: over\n    scrape_interval: 1h\n    target_limit: 2\n"
                + "    static_configs:\n      - targets: ['127.0.0.1:1', '127.0.0.1:2', '127.0.0.1:3']\n"
                + "  - job_name: fine\n    scrape_interval: 1h\n    target_limit: 1\n"
                + "    static_configs:\n      - targets: ['127.0.0.1:4']\n", "prometheus.yml"));
        manager.byKey().values().forEach(l -> l.scrape(1000));
        for (TargetStatus s : manager.active()) {
            if (s.scrapePool().equals("over")) {
                assertEquals("down", s.health());
                assertEquals("target_limit exceeded (number of targets: 3, limit: 2)", s.lastError());
            } else {
                assertTrue(!s.lastError().startsWith("target_limit"), s.lastError());
            }
        }
        assertEquals(4, manager.active().size());
        // Raising the limit lets the pool scrape again.
        manager.apply(ConfigLoader.parse("global:\n  target_limit: 3\nscrape_configs:\n"
                + "  - job_name: over\n    scrape_interval: 1h\n"
                + "    static_configs:\n      - targets: ['127.0.0.1:1', '127.0.0.1:2', '127.0.0.1:3']\n",
                "prometheus.yml"));
        manager.byKey().values().forEach(l -> l.scrape(2000));
        manager.active().forEach(s -> assertTrue(!s.lastError().startsWith("target_limit"), s.lastError()));
    }
}
