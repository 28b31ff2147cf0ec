package io.pharos.scrape.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.pharos.config.ScrapeProtocol;
import io.pharos.config.ScrapeProtocols;
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
import java.util.ArrayList;
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
    /** The Content-Type the target sends; null sends none. */
    private final AtomicReference<String> contentType =
            new AtomicReference<>("text/plain; version=0.0.4; charset=utf-8");
    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ScrapeStats stats = new ScrapeStats(Map::of);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            acceptSeen.set(exchange.getRequestHeaders().getFirst("Accept"));
            if (contentType.get() != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType.get());
            }
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
        assertEquals("application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
                + "application/openmetrics-text;version=0.0.1;q=0.5,"
                + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2",
                acceptSeen.get(), "Prometheus 3.x's default Accept header");
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

    /** A Pushgateway group pushed without instance exposes instance="": the series has no instance. */
    @Test
    void honorLabelsWithAnEmptyScrapedLabelRemovesTheTargetLabel() {
        body.set("m{instance=\"\",job=\"hourly\"} 1\nn{job=\"\"} 2\n");
        loop(server.getAddress().getPort(), true).scrape(1000);
        assertTrue(stored.containsKey(Labels.of("__name__", "m", "job", "hourly")), stored.keySet().toString());
        assertTrue(stored.containsKey(Labels.of("__name__", "n", "instance", "127.0.0.1:" + server.getAddress().getPort())),
                stored.keySet().toString());
    }

    @Test
    void withoutHonorLabelsAnEmptyScrapedLabelIsNotExported() {
        body.set("m{instance=\"\"} 1\n");
        loop(server.getAddress().getPort(), false).scrape(1000);
        assertTrue(stored.containsKey(Labels.of("__name__", "m", "job", "job1", "instance",
                "127.0.0.1:" + server.getAddress().getPort())), stored.keySet().toString());
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
                                "replacement", "${1}xx"))), Labels.EMPTY, ScrapeLimits.NONE, false, null);
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
                false, true, List.of(), Labels.EMPTY, limits, false, null);
        return new ScrapeLoop(t, storage, client, stats, "Pharos/test");
    }

    private ScrapeLoop trackingTimestamps(boolean track) {
        String address = "127.0.0.1:" + server.getAddress().getPort();
        Target t = new Target("job1", URI.create("http://" + address + "/metrics"),
                Labels.of("job", "job1", "instance", address), Duration.ofSeconds(15), Duration.ofSeconds(5),
                false, true, List.of(), Labels.EMPTY, ScrapeLimits.NONE, track, null);
        return new ScrapeLoop(t, storage, client, stats, "Pharos/test");
    }

    @Test
    void sampleLimitReportsWhatPrometheusReports() {
        body.set("a 1\nb 2\nc 3\n");
        ScrapeLoop loop = limited(new ScrapeLimits(0, 2, 0, 0, 0));
        loop.scrape(1000);
        assertEquals("sample limit exceeded", loop.lastError());
        assertEquals(0, last("up"));
        // Every sample is counted, also past the limit; only those within it count as added.
        assertEquals(3, last("scrape_samples_scraped"));
        assertEquals(3, last("scrape_samples_post_metric_relabeling"));
        assertEquals(2, last("scrape_series_added"));
    }

    @Test
    void explicitTimestampsGetNoStalenessMarkersUnlessTracked() {
        body.set("ts 1 500\nplain 2\n");
        ScrapeLoop untracked = trackingTimestamps(false);
        untracked.scrape(1000);
        body.set("");
        untracked.scrape(2000);
        assertEquals(1, last("ts"), "series with a timestamp went stale without track_timestamps_staleness");
        assertTrue(StaleMarker.isStale(last("plain")));

        stored.clear();
        body.set("ts 1 500\nplain 2\n");
        ScrapeLoop tracked = trackingTimestamps(true);
        tracked.scrape(1000);
        body.set("");
        tracked.scrape(2000);
        assertTrue(StaleMarker.isStale(last("ts")));
        assertTrue(StaleMarker.isStale(last("plain")));

        stored.clear();
        body.set("ts 1 500\n");
        ScrapeLoop stopped = trackingTimestamps(false);
        stopped.scrape(1000);
        stopped.stop(true, 3000);
        assertEquals(1, last("ts"), "a removed target marked a timestamped series stale");
        assertTrue(StaleMarker.isStale(last("up")));
    }

    @Test
    void forcedErrorFailsWithoutScrapingAndMarksSeriesStale() {
        body.set("a 1\n");
        ScrapeLoop loop = loop(server.getAddress().getPort(), false);
        loop.scrape(1000);
        acceptSeen.set(null);
        loop.forceError("target_limit exceeded (number of targets: 3, limit: 2)");
        loop.scrape(16000);
        assertEquals(null, acceptSeen.get(), "the target was fetched");
        assertFalse(loop.healthy());
        assertEquals("target_limit exceeded (number of targets: 3, limit: 2)", loop.lastError());
        assertEquals(0, last("up"));
        assertTrue(StaleMarker.isStale(last("a")));
        loop.forceError(null);
        loop.scrape(31000);
        assertTrue(loop.healthy(), loop.lastError());
        assertEquals(1, last("a"));
    }

    @Test
    void metadataOfTheLastScrapesIsKeptAndChangesArePickedUp() {
        body.set("# HELP a_total Requests.\n# TYPE a_total counter\na_total 1\n"
                + "# TYPE u untyped\nu 1\n# HELP h Only help.\n");
        ScrapeLoop loop = loop(server.getAddress().getPort(), false);
        loop.scrape(1000);
        assertEquals(List.of(
                new io.pharos.scrape.MetricMetadata("a_total", io.pharos.spi.model.MetricType.COUNTER, "Requests.", ""),
                new io.pharos.scrape.MetricMetadata("h", io.pharos.spi.model.MetricType.UNKNOWN, "Only help.", ""),
                new io.pharos.scrape.MetricMetadata("u", io.pharos.spi.model.MetricType.UNKNOWN, "", "")),
                loop.metadata());
        body.set("# HELP a_total Requests \\\\ served.\n# TYPE a_total gauge\na_total 1\n");
        loop.scrape(16000);
        assertEquals(new io.pharos.scrape.MetricMetadata("a_total", io.pharos.spi.model.MetricType.GAUGE,
                "Requests \\ served.", ""), loop.metadata().get(0));
        assertEquals(3, loop.metadata().size(), "families vanish only after ten scrapes without them");
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

    // ---- content negotiation

    private ScrapeLoop negotiating(String... protocolsThenFallback) {
        List<ScrapeProtocol> accept = new ArrayList<>();
        for (int i = 0; i < protocolsThenFallback.length - 1; i++) {
            accept.add(ScrapeProtocol.of(protocolsThenFallback[i]));
        }
        String fallback = protocolsThenFallback[protocolsThenFallback.length - 1];
        String address = "127.0.0.1:" + server.getAddress().getPort();
        Target t = new Target("job1", URI.create("http://" + address + "/metrics"),
                Labels.of("job", "job1", "instance", address), Duration.ofSeconds(15), Duration.ofSeconds(5),
                false, true).withNegotiation(new ContentNegotiation(new ScrapeProtocols(
                        accept.isEmpty() ? ScrapeProtocols.DEFAULT : accept,
                        fallback == null ? null : ScrapeProtocol.of(fallback), null)));
        return new ScrapeLoop(t, storage, client, stats, "Pharos/test");
    }

    private static final String OPENMETRICS_BODY = """
            # TYPE rpc_requests counter
            # HELP rpc_requests Requests.
            rpc_requests_total{service="a"} 22.0 1700000000.5 # {trace_id="x"} 1 1700000000.25
            rpc_requests_created{service="a"} 1.7e+09
            # TYPE "my.info" info
            {"my.info","host.name"="h"} 1
            # EOF
            """;

    @Test
    void openMetricsBodiesAreParsedAsOpenMetrics() {
        contentType.set("application/openmetrics-text; version=1.0.0; charset=utf-8");
        body.set(OPENMETRICS_BODY);
        ScrapeLoop loop = negotiating((String) null);
        loop.scrape(10_000);
        assertEquals("", loop.lastError());
        assertEquals(22, last("rpc_requests_total", "service", "a"));
        assertEquals(1.7e9, last("rpc_requests_created", "service", "a"), "_created is an ordinary series");
        assertEquals(1, last("my.info", "host.name", "h"));
        assertEquals(3, last("scrape_samples_scraped"));
        Labels rpc = Labels.of("__name__", "rpc_requests_total", "service", "a", "job", "job1",
                "instance", "127.0.0.1:" + server.getAddress().getPort());
        assertEquals(1_700_000_000_500L, (long) stored.get(rpc).get(0)[0], "seconds become milliseconds");
    }

    @Test
    void openMetricsWithoutEofFailsTheScrapeAndStoresNothing() {
        contentType.set("application/openmetrics-text; version=1.0.0; charset=utf-8");
        body.set("a_total 1\n");
        ScrapeLoop loop = negotiating((String) null);
        loop.scrape(10_000);
        assertEquals("line 2: data does not end with \"# EOF\"", loop.lastError());
        assertEquals(0, last("up"));
        assertFalse(stored.keySet().stream().anyMatch(l -> "a_total".equals(l.metricName())));
    }

    @Test
    void textBodiesAreParsedAsTextEvenWhenOpenMetricsWasPreferred() {
        body.set("# TYPE a counter\na_total 3\n{\"b.c\"} 4\n");
        ScrapeLoop loop = negotiating((String) null);
        loop.scrape(10_000);
        assertEquals("", loop.lastError());
        assertEquals(3, last("a_total"));
        assertEquals(4, last("b.c"));
    }

    @Test
    void missingContentTypeFailsWithoutFallback() {
        contentType.set(null);
        body.set("a 1\n");
        ScrapeLoop loop = negotiating((String) null);
        loop.scrape(10_000);
        assertEquals("non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol "
                + "specified for target", loop.lastError());
        assertEquals(0, last("up"));
        assertFalse(stored.keySet().stream().anyMatch(l -> "a".equals(l.metricName())));
    }

    @Test
    void missingOrUnusableContentTypeUsesTheFallback() {
        contentType.set(null);
        body.set("a 1\n");
        ScrapeLoop text = negotiating("PrometheusText0.0.4");
        text.scrape(10_000);
        assertEquals("", text.lastError());
        assertEquals(1, last("a"));

        contentType.set("application/json");
        body.set("b 2\n# EOF\n");
        ScrapeLoop om = negotiating("OpenMetricsText1.0.0");
        om.scrape(10_000);
        assertEquals("", om.lastError());
        assertEquals(2, last("b"));
    }

    @Test
    void unsupportedAndUnparseableContentTypesFailWithoutFallback() {
        body.set("a 1\n");
        contentType.set("application/json");
        ScrapeLoop loop = negotiating((String) null);
        loop.scrape(10_000);
        assertEquals("received unsupported Content-Type \"application/json\" and no fallback_scrape_protocol "
                + "specified for target", loop.lastError());
        contentType.set("text/plain/x");
        loop.scrape(25_000);
        assertEquals("cannot parse Content-Type \"text/plain/x\" and no fallback_scrape_protocol for target: "
                + "mime: unexpected content after media subtype", loop.lastError());
    }

    @Test
    void acceptHeaderFollowsTheConfiguredOrderWithoutProtobuf() {
        body.set("a 1\n");
        negotiating("PrometheusText0.0.4", "PrometheusProto", "OpenMetricsText1.0.0", null).scrape(10_000);
        assertEquals("text/plain;version=0.0.4;q=0.6,"
                + "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.4,*/*;q=0.3", acceptSeen.get());
    }
}
