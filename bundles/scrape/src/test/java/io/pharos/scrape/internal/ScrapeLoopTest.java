package io.pharos.scrape.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.StaleMarker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scrape loop against a real HTTP target and a recording storage. */
class ScrapeLoopTest {
    private final RecordingStorage storage = new RecordingStorage();
    /** Committed samples, by series. */
    private final Map<Labels, List<double[]>> stored = storage.stored;
    private final AtomicReference<String> body = new AtomicReference<>("");
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> acceptSeen = new AtomicReference<>();
    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ScrapeStats stats = new ScrapeStats(Map::of);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            acceptSeen.set(exchange.getRequestHeaders().getFirst("Accept"));
            byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), b.length == 0 ? -1 : b.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ScrapeLoop loop(int port, boolean honorLabels) {
        String address = "127.0.0.1:" + port;
        Target t = new Target("job1", URI.create("http://" + address + "/metrics"),
                Labels.of("job", "job1", "instance", address), Duration.ofSeconds(15), Duration.ofSeconds(5),
                honorLabels, true);
        return new ScrapeLoop(t, storage, client, stats, "Pharos/test");
    }

    private double last(String name, String... extraLabels) {
        String instance = "127.0.0.1:" + server.getAddress().getPort();
        Labels.Builder b = Labels.builder().set("__name__", name).set("job", "job1").set("instance", instance);
        for (int i = 0; i < extraLabels.length; i += 2) {
            b.set(extraLabels[i], extraLabels[i + 1]);
        }
        List<double[]> samples = stored.get(b.build());
        if (samples == null) {
            throw new AssertionError("no series " + b.build() + " in " + stored.keySet());
        }
        return samples.get(samples.size() - 1)[1];
    }

    @Test
    void storesSamplesWithTargetLabelsAndReportSeries() {
        body.set("# HELP a_total A.\n# TYPE a_total counter\na_total{x=\"1\"} 5\nb 2.5 1000\n");
        ScrapeLoop loop = loop(server.getAddress().getPort(), false);
        loop.scrape(10_000);
        assertEquals(5, last("a_total", "x", "1"));
        assertEquals(2.5, last("b"));
        assertEquals(1000, stored.keySet().stream().filter(l -> "b".equals(l.metricName()))
                .findFirst().map(l -> stored.get(l).get(0)[0]).orElseThrow(), "honor_timestamps keeps the exposed timestamp");
        assertEquals(1, last("up"));
        assertEquals(2, last("scrape_samples_scraped"));
        assertEquals(2, last("scrape_series_added"));
        assertTrue(last("scrape_duration_seconds") >= 0);
        assertTrue(loop.healthy());
        assertEquals("", loop.lastError());
        assertTrue(acceptSeen.get().startsWith("text/plain;version=0.0.4"));
        loop.scrape(25_000);
        assertEquals(0, last("scrape_series_added"));
    }

    @Test
    void clashingLabelsAreKeptAsExported() {
        body.set("m{job=\"inner\",instance=\"i\"} 1\n");
        loop(server.getAddress().getPort(), false).scrape(1000);
        assertEquals(1, last("m", "exported_job", "inner", "exported_instance", "i"));
    }

    @Test
    void honorLabelsKeepsScrapedValues() {
        body.set("m{job=\"inner\"} 1\n");
        loop(server.getAddress().getPort(), true).scrape(1000);
        String instance = "127.0.0.1:" + server.getAddress().getPort();
        assertTrue(stored.containsKey(Labels.of("__name__", "m", "job", "inner", "instance", instance)), stored.keySet().toString());
    }

    @Test
    void malformedBodyStoresNothingOfItAndReportsTheLine() {
        body.set("good 1\nbad{ 2\n");
        ScrapeLoop loop = loop(server.getAddress().getPort(), false);
        loop.scrape(1000);
        assertEquals(0, last("up"));
        assertFalse(stored.keySet().stream().anyMatch(l -> "good".equals(l.metricName())), "partial scrape stored");
        assertFalse(loop.healthy());
        assertTrue(loop.lastError().startsWith("line 2:"), loop.lastError());
    }

    @Test
    void httpErrorAndUnreachableTargetAreDown() throws IOException {
        status.set(500);
        ScrapeLoop loop = loop(server.getAddress().getPort(), false);
        loop.scrape(1000);
        assertEquals(0, last("up"));
        assertEquals("server returned HTTP status 500", loop.lastError());

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ScrapeLoop unreachable = loop(closed, false);
        unreachable.scrape(1000);
        assertFalse(unreachable.healthy());
        assertTrue(unreachable.lastError().contains("connection refused"), unreachable.lastError());
    }

    @Test
    void disappearingSeriesAndFailedScrapesGetStaleMarkers() {
        ScrapeLoop loop = loop(server.getAddress().getPort(), false);
        body.set("a 1\nb 2\n");
        loop.scrape(1000);
        body.set("a 1\n");
        loop.scrape(2000);
        List<double[]> b = stored.get(Labels.of("__name__", "b", "job", "job1", "instance",
                "127.0.0.1:" + server.getAddress().getPort()));
        assertEquals(2, b.size());
        assertEquals(2000, b.get(1)[0]);
        assertTrue(StaleMarker.isStale(b.get(1)[1]));
        status.set(503);
        loop.scrape(3000);
        assertTrue(StaleMarker.isStale(last("a")));
        assertEquals(0, last("up"));
    }

    @Test
    void removedTargetsMarkEverythingStale() {
        ScrapeLoop loop = loop(server.getAddress().getPort(), false);
        body.set("a 1\n");
        loop.scrape(1000);
        loop.stop(true, 5000);
        assertTrue(StaleMarker.isStale(last("a")));
        assertTrue(StaleMarker.isStale(last("up")));
        loop.scrape(6000); // a stopped loop does nothing
        assertTrue(StaleMarker.isStale(last("up")));
    }

    @Test
    void offsetsAreWithinTheIntervalAndStable() {
        Target t = new Target("j", URI.create("http://x:1/metrics"), Labels.of("job", "j"),
                Duration.ofSeconds(15), Duration.ofSeconds(10), false, true);
        long a = ScrapeManager.offset(t, 15_000, 1_000_000);
        assertTrue(a >= 0 && a < 15_000);
        // The phase is fixed: later "now"s land on the same slot of the interval.
        assertEquals(Math.floorMod(1_000_000 + a, 15_000), Math.floorMod(1_003_000 + ScrapeManager.offset(t, 15_000, 1_003_000), 15_000));
    }

    @Test
    void metricRelabelingDropsAndRewritesSeriesBeforeStorage() throws Exception {
        body.set("go_gc_duration_seconds 1\nhttp_requests_total{code=\"200\"} 5\nhttp_requests_total{code=\"500\"} 1\n");
        String address = "127.0.0.1:" + server.getAddress().getPort();
        Target t = new Target("job1", URI.create("http://" + address + "/metrics"),
                Labels.of("job", "job1", "instance", address), Duration.ofSeconds(15), Duration.ofSeconds(5),
                false, true, io.pharos.relabel.RelabelConfig.fromYamlList(List.of(
                        Map.of("source_labels", List.of("__name__"), "regex", "go_.*", "action", "drop"),
                        Map.of("source_labels", List.of("code"), "regex", "(.)..", "target_label", "class",
                                "replacement", "${1}xx"))), Labels.EMPTY, ScrapeLimits.NONE);
        ScrapeLoop loop = new ScrapeLoop(t, storage, client, stats, "Pharos/test");
        loop.scrape(1000);
        loop.scrape(2000);
        assertFalse(stored.keySet().stream().anyMatch(l -> "go_gc_duration_seconds".equals(l.metricName())));
        assertEquals(5, last("http_requests_total", "code", "200", "class", "2xx"));
        assertEquals(3, last("scrape_samples_scraped"));
        assertEquals(2, last("scrape_samples_post_metric_relabeling"));
        body.set("http_requests_total{code=\"200\"} 6\n");
        loop.scrape(3000);
        assertTrue(StaleMarker.isStale(last("http_requests_total", "code", "500", "class", "5xx")));
    }

    private ScrapeLoop limited(ScrapeLimits limits) {
        String address = "127.0.0.1:" + server.getAddress().getPort();
        Target t = new Target("job1", URI.create("http://" + address + "/metrics"),
                Labels.of("job", "job1", "instance", address), Duration.ofSeconds(15), Duration.ofSeconds(5),
                false, true, List.of(), Labels.EMPTY, limits);
        return new ScrapeLoop(t, storage, client, stats, "Pharos/test");
    }

    @Test
    void limitsFailTheScrapeWithPrometheusMessagesAndStoreNothingOfIt() {
        body.set("a 1\nb 2\nc{x=\"long-value\"} 3\n");
        ScrapeLoop samples = limited(new ScrapeLimits(0, 2, 0, 0, 0));
        samples.scrape(1000);
        assertEquals("sample limit exceeded", samples.lastError());
        assertEquals(0, last("up"));
        assertFalse(stored.keySet().stream().anyMatch(l -> "a".equals(l.metricName())));

        ScrapeLoop size = limited(new ScrapeLimits(10, 0, 0, 0, 0));
        size.scrape(1000);
        assertEquals("body size limit exceeded", size.lastError());

        ScrapeLoop labels = limited(new ScrapeLimits(0, 0, 3, 0, 0));
        labels.scrape(1000);
        assertEquals("label_limit exceeded (metric: c, number of labels: 4, limit: 3)", labels.lastError());

        ScrapeLoop values = limited(new ScrapeLimits(0, 0, 0, 0, 5));
        values.scrape(1000);
        assertEquals("label_value_length_limit exceeded (metric: a, label name: instance, value: \"127.0.0.1:"
                + server.getAddress().getPort() + "\", length: " + ("127.0.0.1:" + server.getAddress().getPort()).length()
                + ", limit: 5)", values.lastError());

        ScrapeLoop fine = limited(new ScrapeLimits(1 << 20, 3, 4, 20, 50));
        fine.scrape(1000);
        assertTrue(fine.healthy(), fine.lastError());
    }

    @Test
    void bodySizeLimitsUseBase2Units() {
        assertEquals(10L << 20, ScrapeLimits.bytes("10MB"));
        assertEquals(512L << 10, ScrapeLimits.bytes("512KiB"));
        assertEquals(100, ScrapeLimits.bytes("100"));
        assertEquals(0, ScrapeLimits.bytes(""));
    }

    @Test
    void scrapeTimestampsAlignWithinTwoMilliseconds() {
        body.set("a 1\n");
        ScrapeLoop loop = loop(server.getAddress().getPort(), false);
        loop.scrape(100_000);
        loop.scrape(115_002); // 2 ms late: aligned to 115000
        loop.scrape(130_005); // 5 ms late: kept as is
        Labels a = Labels.of("__name__", "a", "job", "job1", "instance", "127.0.0.1:" + server.getAddress().getPort());
        List<double[]> samples = stored.get(a);
        assertEquals(115_000, samples.get(1)[0]);
        assertEquals(130_005, samples.get(2)[0]);
    }
}
