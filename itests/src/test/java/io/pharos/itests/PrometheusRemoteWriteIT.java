package io.pharos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's real Prometheus (2.42) scrapes itself every second and remote-writes into a running
 * Pharos; the raw samples read back from both are the same. Skipped when {@code prometheus} is
 * not installed, unless PHAROS_REQUIRE_INTEROP is set (as .ci/run does, after installing it).
 */
class PrometheusRemoteWriteIT {
    private static final List<String> QUERIES = List.of("up{job=\"prometheus\"}",
            "scrape_samples_scraped{job=\"prometheus\"}", "scrape_series_added{job=\"prometheus\"}",
            "prometheus_build_info{job=\"prometheus\"}", "prometheus_tsdb_head_series{job=\"prometheus\"}",
            "go_goroutines{job=\"prometheus\"}",
            "prometheus_http_requests_total{job=\"prometheus\",handler=\"/metrics\"}");
    private static Distribution pharos;
    private static Process prometheus;
    private static int promPort;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void launch() throws Exception {
        String binary = Peers.find("prometheus");
        Peers.require(binary != null, "prometheus (apt-get install prometheus)");
        pharos = Distribution.unpack("interop-remote-write");
        pharos.replace("etc/io.pharos.remotewrite.cfg", "enabled = false", "enabled = true");
        // Only what Prometheus sends: Pharos does not scrape itself here.
        Files.writeString(pharos.home.resolve("etc/prometheus.yml"), "global:\n  scrape_interval: 15s\n");
        pharos.start();
        assertTrue(pharos.awaitReady(60) > 0, () -> "Pharos not ready within 60 s\n" + pharos.log());

        Path work = Path.of(System.getProperty("project.build.directory"), "interop-prometheus");
        Distribution.deleteTree(work);
        Files.createDirectories(work);
        promPort = KarafOptions.freePort();
        Files.writeString(work.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                + "scrape_configs:\n  - job_name: prometheus\n    static_configs:\n"
                + "      - targets: ['127.0.0.1:" + promPort + "']\n"
                + "remote_write:\n  - url: http://127.0.0.1:" + pharos.port + "/api/v1/write\n"
                + "    queue_config:\n      batch_send_deadline: 500ms\n    metadata_config:\n      send: false\n");
        prometheus = new ProcessBuilder(binary, "--config.file=" + work.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("prometheus.log").toFile())
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(30, TimeUnit.SECONDS);
        }
        if (pharos != null) {
            pharos.stop();
        }
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String rawSamples(int port, String selector, double at) throws IOException, InterruptedException {
        String q = URLEncoder.encode(selector + "[30s]", StandardCharsets.UTF_8);
        return get(port, "/api/v1/query?query=" + q + "&time=" + at);
    }

    @Test
    void samplesWrittenByPrometheusReadBackEqual() throws Exception {
        // Let Prometheus scrape itself a few times; then compare up to a time it has surely sent.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        double at = 0;
        while (System.nanoTime() < deadline) {
            String pharosUp = get(pharos.port, "/api/v1/query?query=count_over_time(up%7Bjob%3D%22prometheus%22%7D%5B1m%5D)");
            if (pharosUp.matches("(?s).*\"value\":\\[[0-9.]+,\"([5-9]|[1-9][0-9]+)\"\\].*")) {
                at = System.currentTimeMillis() / 1000.0 - 2;
                Thread.sleep(3000); // what was scraped before `at` has been sent (deadline 500 ms)
                break;
            }
            Thread.sleep(500);
        }
        assertTrue(at > 0, "Pharos got no 5 samples of up from Prometheus within 60 s\n" + pharos.log());
        for (String selector : QUERIES) {
            String fromPrometheus = rawSamples(promPort, selector, at);
            String fromPharos = rawSamples(pharos.port, selector, at);
            assertTrue(fromPrometheus.contains("\"values\":[["), selector + ": " + fromPrometheus);
            assertEquals(fromPrometheus, fromPharos, selector + " differs");
        }
        String series = URLEncoder.encode("count({job=\"prometheus\"})", StandardCharsets.UTF_8);
        assertEquals(get(promPort, "/api/v1/query?query=" + series + "&time=" + at),
                get(pharos.port, "/api/v1/query?query=" + series + "&time=" + at), "series count");
    }
}
