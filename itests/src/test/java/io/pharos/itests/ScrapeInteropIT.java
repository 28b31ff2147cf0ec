package io.pharos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pharos and Debian's Prometheus 2.42 scrape the same real targets with the same prometheus.yml:
 * Debian's {@code prometheus-node-exporter}, {@code prometheus-pushgateway} (with pushed groups)
 * and a Flask app instrumented with {@code python3-prometheus-client} (which answers in
 * OpenMetrics when asked). Both must report the same targets, the same metric names and the same
 * metadata (type, help, unit). Skipped when a peer is missing, unless PHAROS_REQUIRE_INTEROP is
 * set (as .ci/run does, after installing them).
 */
class ScrapeInteropIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PYTHON = "/usr/bin/python3";
    private static final List<String> JOBS = List.of("flask", "node", "pushgateway");

    private static final String FLASK_APP = """
            import sys
            from flask import Flask
            from werkzeug.middleware.dispatcher import DispatcherMiddleware
            from prometheus_client import (Counter, Enum, Gauge, Histogram, Info, Summary,
                                           make_wsgi_app)

            REQUESTS = Counter('app_requests', 'Requests served.', ['method', 'code'])
            INFLIGHT = Gauge('app_inflight_requests', 'Requests in flight.')
            LATENCY = Histogram('app_request_duration_seconds', 'Request latency.', ['route'],
                                buckets=(0.005, 0.05, 0.5, 5))
            SIZE = Summary('app_response_size_bytes', 'Response sizes.', unit='bytes')
            BUILD = Info('app_build', 'Build information.')
            STATE = Enum('app_state', 'Lifecycle state.', states=['starting', 'running', 'stopped'])

            app = Flask(__name__)

            @app.route('/')
            def index():
                REQUESTS.labels('GET', '200').inc()
                with INFLIGHT.track_inprogress():
                    LATENCY.labels('/').observe(0.042)
                    SIZE.observe(512)
                return 'hello'

            REQUESTS.labels('GET', '200').inc(3)
            REQUESTS.labels('POST', '500').inc()
            LATENCY.labels('/').observe(0.3)
            SIZE.observe(1024)
            BUILD.info({'version': '1.2.3', 'revision': 'abc'})
            STATE.state('running')
            app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {'/metrics': make_wsgi_app()})
            app.run(host='127.0.0.1', port=int(sys.argv[1]))
            """;

    private static final String PUSHED = """
            # HELP batch_last_success_seconds Last time the batch job succeeded.
            # TYPE batch_last_success_seconds gauge
            batch_last_success_seconds 1.7e+09
            # HELP batch_records_processed_total Records processed by the batch job.
            # TYPE batch_records_processed_total counter
            batch_records_processed_total{stage="load"} 1234
            batch_records_processed_total{stage="transform"} 99
            """;

    private static final List<Process> PEERS = new ArrayList<>();
    private static Distribution pharos;
    private static Process prometheus;
    private static int promPort;

    @BeforeAll
    static void launch() throws Exception {
        String prom = Peers.find("prometheus");
        String node = Peers.find("prometheus-node-exporter");
        String push = Peers.find("prometheus-pushgateway");
        boolean python = Files.isExecutable(Path.of(PYTHON)) && Peers.run(PYTHON, "-c", "import flask, prometheus_client");
        Peers.require(prom != null && node != null && push != null && python, "one of prometheus, "
                + "prometheus-node-exporter, prometheus-pushgateway, python3-flask and python3-prometheus-client");
        Path work = Path.of(System.getProperty("project.build.directory"), "interop-scrape-peers");
        Distribution.deleteTree(work);
        Files.createDirectories(work);

        int nodePort = KarafOptions.freePort();
        int pushPort = KarafOptions.freePort();
        int flaskPort = KarafOptions.freePort();
        PEERS.add(Peers.start(work, "node-exporter", node, "--web.listen-address=127.0.0.1:" + nodePort));
        PEERS.add(Peers.start(work, "pushgateway", push, "--web.listen-address=127.0.0.1:" + pushPort));
        Files.writeString(work.resolve("app.py"), FLASK_APP);
        PEERS.add(Peers.start(work, "flask", PYTHON, work.resolve("app.py").toString(), Integer.toString(flaskPort)));
        Peers.awaitHttp("http://127.0.0.1:" + nodePort + "/metrics", 30);
        Peers.awaitHttp("http://127.0.0.1:" + flaskPort + "/metrics", 30);
        Peers.awaitHttp("http://127.0.0.1:" + pushPort + "/metrics", 30);
        push(pushPort, "/metrics/job/nightly/instance/batch-1");
        push(pushPort, "/metrics/job/hourly");
        HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + flaskPort + "/")).build(),
                HttpResponse.BodyHandlers.discarding());

        // One prometheus.yml, used unchanged by both servers.
        String config = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                + "scrape_configs:\n"
                + "  - job_name: node\n    static_configs:\n      - targets: ['127.0.0.1:" + nodePort + "']\n"
                + "  - job_name: pushgateway\n    honor_labels: true\n"
                + "    static_configs:\n      - targets: ['127.0.0.1:" + pushPort + "']\n"
                + "  - job_name: flask\n    static_configs:\n      - targets: ['127.0.0.1:" + flaskPort + "']\n"
                + "        labels:\n          team: web\n";
        Files.writeString(work.resolve("prometheus.yml"), config);
        promPort = KarafOptions.freePort();
        prometheus = Peers.start(work, "prometheus", prom, "--config.file=" + work.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort);

        pharos = Distribution.unpack("interop-scrape");
        Files.writeString(pharos.home.resolve("etc/prometheus.yml"), config);
        pharos.start();
        assertTrue(pharos.awaitReady(60) > 0, () -> "Pharos not ready within 60 s\n" + pharos.log());
        Peers.awaitHttp("http://127.0.0.1:" + promPort + "/-/ready", 30);
    }

    private static void push(int port, String group) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + group))
                .PUT(HttpRequest.BodyPublishers.ofString(PUSHED)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, "push to pushgateway failed: " + r.statusCode() + " " + r.body());
    }

    @AfterAll
    static void stop() throws Exception {
        if (pharos != null) {
            pharos.stop();
        }
        if (prometheus != null) {
            PEERS.add(prometheus);
        }
        for (Process p : PEERS) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static JsonNode api(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("success", body.path("status").asText(), () -> path + " on port " + port + ": " + r.body());
        return body.path("data");
    }

    /** Waits until every job's target in both servers is up and has scraped at least three times. */
    private static void awaitScrapes() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String q = "/api/v1/query?query=" + URLEncoder.encode("count by (job) (count_over_time(up[1m]) >= 3)",
                StandardCharsets.UTF_8);
        while (System.nanoTime() < deadline) {
            if (api(promPort, q).path("result").size() == JOBS.size()
                    && api(pharos.port, q).path("result").size() == JOBS.size()) {
                return;
            }
            Thread.sleep(500);
        }
        fail("targets not scraped three times within 60 s\nPharos targets: " + api(pharos.port, "/api/v1/targets")
                + "\nPrometheus targets: " + api(promPort, "/api/v1/targets") + "\n" + pharos.log());
    }

    @Test
    void bothReportTheSameHealthyTargets() throws Exception {
        awaitScrapes();
        assertEquals(targets(promPort), targets(pharos.port));
        for (JsonNode t : api(pharos.port, "/api/v1/targets").path("activeTargets")) {
            assertEquals("up", t.path("health").asText(), t.toString());
            assertEquals("", t.path("lastError").asText(), t.toString());
        }
    }

    /** Per scrape URL: pool, labels, discovered labels, health, interval and timeout. */
    private static Map<String, String> targets(int port) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode t : api(port, "/api/v1/targets").path("activeTargets")) {
            out.put(t.path("scrapeUrl").asText(), String.join(" | ", t.path("scrapePool").asText(),
                    sorted(t.path("labels")), sorted(t.path("discoveredLabels")), t.path("health").asText(),
                    t.path("scrapeInterval").asText(), t.path("scrapeTimeout").asText()));
        }
        return out;
    }

    private static String sorted(JsonNode labels) {
        Map<String, String> m = new TreeMap<>();
        labels.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m.toString();
    }

    @Test
    void bothStoreTheSameSeriesNames() throws Exception {
        awaitScrapes();
        // Neither server scrapes itself here: every stored series comes from the three jobs.
        String q = "/api/v1/query?query=" + URLEncoder.encode("group by (__name__, job, instance) ({__name__=~\".+\"})",
                StandardCharsets.UTF_8);
        TreeSet<String> expected = names(api(promPort, q));
        assertTrue(expected.size() > 100, expected::toString);
        TreeSet<String> actual = names(api(pharos.port, q));
        assertEquals(expected, actual, () -> "only in Prometheus: " + minus(expected, actual) + "\nonly in Pharos: "
                + minus(actual, expected));
    }

    private static TreeSet<String> minus(TreeSet<String> a, TreeSet<String> b) {
        TreeSet<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static TreeSet<String> names(JsonNode data) {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode s : data.path("result")) {
            out.add(sorted(s.path("metric")));
        }
        return out;
    }

    @Test
    void bothReportTheSameMetadata() throws Exception {
        awaitScrapes();
        JsonNode fromPrometheus = api(promPort, "/api/v1/metadata");
        JsonNode fromPharos = api(pharos.port, "/api/v1/metadata");
        assertTrue(fromPrometheus.has("node_cpu_seconds_total"), fromPrometheus::toString);
        assertTrue(fromPrometheus.has("app_requests"), fromPrometheus::toString);
        assertEquals(metadata(fromPrometheus), metadata(fromPharos));
    }

    @Test
    void bothReportTheSameTargetMetadata() throws Exception {
        awaitScrapes();
        for (String job : JOBS) {
            String path = "/api/v1/targets/metadata?match_target=" + URLEncoder.encode("{job=\"" + job + "\"}",
                    StandardCharsets.UTF_8);
            assertEquals(targetMetadata(api(promPort, path)), targetMetadata(api(pharos.port, path)),
                    "target metadata of job " + job);
        }
    }

    /** metric → its sorted entries, so the comparison ignores order within and across metrics. */
    private static Map<String, String> metadata(JsonNode data) {
        Map<String, String> out = new TreeMap<>();
        data.fields().forEachRemaining(e -> {
            TreeSet<String> entries = new TreeSet<>();
            e.getValue().forEach(m -> entries.add(m.path("type").asText() + " | " + m.path("help").asText()
                    + " | " + m.path("unit").asText()));
            out.put(e.getKey(), entries.toString());
        });
        return out;
    }

    private static TreeSet<String> targetMetadata(JsonNode data) {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode m : data) {
            out.add(sorted(m.path("target")) + " " + m.path("metric").asText() + " | " + m.path("type").asText()
                    + " | " + m.path("help").asText() + " | " + m.path("unit").asText());
        }
        return out;
    }
}
