package io.pharos.notifier.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.pharos.config.ConfigLoader;
import io.pharos.spi.alerting.Alert;
import io.pharos.spi.discovery.Discoverer;
import io.pharos.spi.discovery.DiscoveryProvider;
import io.pharos.spi.discovery.TargetGroup;
import io.pharos.spi.discovery.TargetGroupListener;
import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import io.pharos.spi.model.PluginConfigException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notifier against Alertmanager stand-ins on 127.0.0.1; batches are sent by calling drain(). */
class NotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One fake Alertmanager: records each POST body and path, answers with a settable status. */
    private static final class FakeAm {
        final HttpServer server;
        final List<JsonNode> posts = new CopyOnWriteArrayList<>();
        final List<String> paths = new CopyOnWriteArrayList<>();
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        final AtomicInteger status = new AtomicInteger(200);

        FakeAm() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type"));
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                posts.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(status.get(), -1);
                exchange.close();
            });
            server.start();
        }

        String address() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        int alertsReceived() {
            return posts.stream().mapToInt(JsonNode::size).sum();
        }
    }

    private final List<FakeAm> ams = new ArrayList<>();
    private final Map<String, DiscoveryProvider> providers = new java.util.HashMap<>();
    private Notifier notifier;

    @BeforeEach
    void setUp() {
        notifier = new Notifier(Notifier.DEFAULT_CAPACITY, "Pharos/test", providers::get);
    }

    @AfterEach
    void tearDown() {
        notifier.close();
        ams.forEach(a -> a.server.stop(0));
    }

    private FakeAm am() throws Exception {
        FakeAm a = new FakeAm();
        ams.add(a);
        return a;
    }

    private void configure(String yaml) throws Exception {
        notifier.apply(ConfigLoader.parse(yaml, "p.yml"), Path.of("."));
    }

    static Alert alert(String name, String... labels) {
        Labels.Builder b = Labels.of(labels).toBuilder().set("alertname", name);
        return new Alert(b.build(), Labels.of("summary", name + " happened"),
                java.time.Instant.parse("2026-11-02T10:00:00Z"), java.time.Instant.parse("2026-11-02T10:04:00Z"),
                "http://pharos/graph", null);
    }

    @Test
    void everyAlertmanagerGetsEveryBatchOfAtMost256() throws Exception {
        FakeAm a = am();
        FakeAm b = am();
        configure("alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['" + a.address() + "']}]\n"
                + "    - path_prefix: /prefix\n      static_configs: [{targets: ['" + b.address() + "']}]\n");
        List<Alert> many = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            many.add(alert("A" + i));
        }
        notifier.send(many);
        assertEquals(600, notifier.queueLength());
        notifier.drain();
        assertEquals(0, notifier.queueLength());
        assertEquals(List.of(256, 256, 88), a.posts.stream().map(JsonNode::size).toList());
        assertEquals(List.of(256, 256, 88), b.posts.stream().map(JsonNode::size).toList());
        assertEquals("POST /api/v2/alerts application/json", a.paths.get(0));
        assertEquals("POST /prefix/api/v2/alerts application/json", b.paths.get(0));
        assertEquals("A0", a.posts.get(0).get(0).get("labels").get("alertname").asText(), "oldest first");
        assertEquals(List.of(URI.create("http://" + a.address() + "/api/v2/alerts"),
                URI.create("http://" + b.address() + "/prefix/api/v2/alerts")), notifier.active());
        assertArrayEquals(new long[] {600, 0}, notifier.counters(notifier.active().get(0)));
        assertEquals(0, notifier.droppedTotal());
    }

    @Test
    void externalLabelsAndAlertRelabeling() throws Exception {
        FakeAm a = am();
        FakeAm b = am();
        configure("global: {external_labels: {cluster: eu, replica: r1}}\n"
                + "alerting:\n"
                + "  alert_relabel_configs:\n"
                + "    - {action: labeldrop, regex: replica}\n"
                + "    - {source_labels: [severity], regex: debug, action: drop}\n"
                + "  alertmanagers:\n"
                + "    - static_configs: [{targets: ['" + a.address() + "']}]\n"
                + "    - static_configs: [{targets: ['" + b.address() + "']}]\n"
                + "      alert_relabel_configs: [{source_labels: [team], regex: db, action: keep}]\n");
        notifier.send(List.of(alert("One", "cluster", "us"), alert("Two", "severity", "debug"),
                alert("Three", "team", "db")));
        notifier.drain();
        JsonNode sent = a.posts.get(0);
        assertEquals(2, sent.size(), "severity=debug was dropped before queueing");
        assertEquals("us", sent.get(0).get("labels").get("cluster").asText(), "an alert's own label wins");
        assertFalse(sent.get(0).get("labels").has("replica"), "relabeling runs after external labels");
        assertEquals("eu", sent.get(1).get("labels").get("cluster").asText());
        assertEquals(1, b.posts.get(0).size(), "the second set keeps team=db only");
        assertEquals("Three", b.posts.get(0).get(0).get("labels").get("alertname").asText());
    }

    @Test
    void alertmanagerTargetsAreRelabeled() throws Exception {
        FakeAm a = am();
        configure("alerting:\n  alertmanagers:\n    - static_configs:\n"
                + "        - {targets: ['" + a.address() + "'], labels: {dc: keep}}\n"
                + "        - {targets: ['127.0.0.1:1'], labels: {dc: other}}\n"
                + "      relabel_configs: [{source_labels: [dc], regex: keep, action: keep},"
                + " {target_label: __alerts_path__, replacement: /custom/api/v2/alerts}]\n");
        assertEquals(List.of(URI.create("http://" + a.address() + "/custom/api/v2/alerts")), notifier.active());
        assertEquals(List.of(URI.create("http://127.0.0.1:1/api/v2/alerts")), notifier.dropped());
        notifier.send(List.of(alert("X")));
        notifier.drain();
        assertEquals("POST /custom/api/v2/alerts application/json", a.paths.get(0));
    }

    @Test
    void failuresAreCountedAndABatchNobodyTookIsDropped() throws Exception {
        FakeAm up = am();
        FakeAm down = am();
        down.status.set(500);
        configure("alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['" + up.address() + "', '"
                + down.address() + "']}]\n");
        notifier.send(List.of(alert("A"), alert("B")));
        notifier.drain();
        URI downUrl = URI.create("http://" + down.address() + "/api/v2/alerts");
        assertArrayEquals(new long[] {2, 2}, notifier.counters(downUrl));
        assertEquals(0, notifier.droppedTotal(), "one Alertmanager took the batch");
        up.status.set(503);
        notifier.send(List.of(alert("C")));
        notifier.drain();
        assertEquals(1, notifier.droppedTotal());
    }

    @Test
    void aFullQueueDropsAndCounts() throws Exception {
        notifier.close();
        notifier = new Notifier(3, "Pharos/test", providers::get);
        notifier.send(List.of(alert("A"), alert("B"), alert("C"), alert("D"), alert("E")));
        assertEquals(3, notifier.queueLength());
        assertEquals(2, notifier.droppedTotal());
        notifier.drain();
        assertEquals(5, notifier.droppedTotal(), "no Alertmanager: the batch is dropped too");
    }

    @Test
    void httpConfigAndReload() throws Exception {
        FakeAm a = am();
        configure("alerting:\n  alertmanagers:\n    - basic_auth: {username: u, password: p}\n"
                + "      static_configs: [{targets: ['" + a.address() + "']}]\n");
        notifier.send(List.of(alert("A")));
        notifier.drain();
        assertEquals("Basic dTpw", a.authorizations.get(0));
        configure("global: {}\n");
        assertEquals(List.of(), notifier.active(), "the reload removed the Alertmanager");
        assertThrows(PluginConfigException.class, () -> configure("alerting: {alertmanagers: [{api_version: v1}]}"));
    }

    @Test
    void discoveredAlertmanagers() throws Exception {
        FakeAm a = am();
        AtomicReference<TargetGroupListener> listener = new AtomicReference<>();
        providers.put("fake", new DiscoveryProvider() {
            @Override
            public String type() {
                return "fake";
            }

            @Override
            public Discoverer create(Map<String, Object> config, io.pharos.spi.discovery.DiscoveryContext context) {
                return new Discoverer() {
                    @Override
                    public void start(TargetGroupListener l) {
                        listener.set(l);
                    }

                    @Override
                    public void close() {
                        listener.set(null);
                    }
                };
            }
        });
        configure("alerting:\n  alertmanagers:\n    - fake_sd_configs: [{}]\n");
        assertEquals(List.of(), notifier.active());
        listener.get().update(List.of(new TargetGroup("g", List.of(Labels.of("__address__", a.address())), null)));
        assertEquals(List.of(URI.create("http://" + a.address() + "/api/v2/alerts")), notifier.active());
        notifier.send(List.of(alert("A")));
        notifier.drain();
        assertEquals(1, a.alertsReceived());
        listener.get().update(List.of(new TargetGroup("g", List.of(), null)));
        assertEquals(List.of(), notifier.active());
        configure("global: {}\n");
        assertEquals(null, listener.get(), "a reload closes the discoverers of removed sets");
    }

    @Test
    void metricsHavePrometheusNames() throws Exception {
        FakeAm a = am();
        configure("alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['" + a.address() + "']}]\n");
        notifier.send(List.of(alert("A")));
        notifier.drain();
        List<String> written = new ArrayList<>();
        notifier.collect(new MetricWriter() {
            @Override
            public MetricWriter family(String name, MetricType type, String help) {
                return this;
            }

            @Override
            public MetricWriter sample(String name, Labels labels, double value) {
                written.add(name + labels + " " + value);
                return this;
            }

            @Override
            public MetricWriter sample(String name, Labels labels, double value, long timestampMs) {
                return sample(name, labels, value);
            }
        });
        String url = "http://" + a.address() + "/api/v2/alerts";
        assertTrue(written.contains("prometheus_notifications_sent_total{alertmanager=\"" + url + "\"} 1.0"), written.toString());
        assertTrue(written.contains("prometheus_notifications_errors_total{alertmanager=\"" + url + "\"} 0.0"));
        assertTrue(written.contains("prometheus_notifications_latency_seconds_count{alertmanager=\"" + url + "\"} 1.0"));
        assertTrue(written.contains("prometheus_notifications_dropped_total{} 0.0"), written.toString());
        assertTrue(written.contains("prometheus_notifications_queue_length{} 0.0"));
        assertTrue(written.contains("prometheus_notifications_queue_capacity{} 10000.0"));
        assertTrue(written.contains("prometheus_notifications_alertmanagers_discovered{} 1.0"));
    }
}
