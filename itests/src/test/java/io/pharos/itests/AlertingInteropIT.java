package io.pharos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built distribution evaluates an alerting rule from a rule file and delivers the alert to
 * Debian's real {@code prometheus-alertmanager} (0.25) on loopback: the alert appears in the
 * Alertmanager's API v2 with its labels (external labels added), expanded annotations,
 * startsAt/endsAt and generatorURL. Skipped when the Alertmanager is not installed, unless
 * PHAROS_REQUIRE_INTEROP is set (as .ci/run does, after installing it).
 */
class AlertingInteropIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String RULES = """
            groups:
              - name: interop
                rules:
                  - alert: PharosScraped
                    expr: up{job="pharos"} == 1
                    labels:
                      severity: page
                    annotations:
                      summary: "{{ $labels.instance }} is up"
                      value: "{{ $value }}"
                      description: '{{ $labels.job | toUpper }} answers with {{ $value | printf "%.1f" }}{{ if $labels.nope }}!{{ end }}'
                  - record: job:up:sum
                    expr: sum by (job) (up)
            """;

    private static Distribution pharos;
    private static Process alertmanager;
    private static int amPort;

    @BeforeAll
    static void launch() throws Exception {
        String binary = Peers.find("prometheus-alertmanager");
        Peers.require(binary != null, "prometheus-alertmanager (apt-get install prometheus-alertmanager)");
        Path work = Path.of(System.getProperty("project.build.directory"), "interop-alertmanager");
        Distribution.deleteTree(work);
        Files.createDirectories(work);
        Files.writeString(work.resolve("alertmanager.yml"),
                "route:\n  receiver: blackhole\n  group_wait: 1s\nreceivers:\n  - name: blackhole\n");
        amPort = KarafOptions.freePort();
        alertmanager = Peers.start(work, "alertmanager", binary, "--config.file=" + work.resolve("alertmanager.yml"),
                "--storage.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + amPort,
                "--cluster.listen-address=");
        Peers.awaitHttp("http://127.0.0.1:" + amPort + "/-/ready", 30);

        pharos = Distribution.unpack("interop-alerting");
        Files.writeString(pharos.home.resolve("etc/rules.yml"), RULES);
        Files.writeString(pharos.home.resolve("etc/prometheus.yml"), "global:\n  scrape_interval: 1s\n"
                + "  evaluation_interval: 1s\n  external_labels:\n    cluster: interop\n"
                + "rule_files:\n  - rules.yml\n"
                + "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['127.0.0.1:" + amPort + "']\n"
                + "scrape_configs:\n  - job_name: pharos\n    static_configs:\n"
                + "      - targets: ['127.0.0.1:" + pharos.port + "']\n");
        pharos.start();
        assertTrue(pharos.awaitReady(60) > 0, () -> "Pharos not ready within 60 s\n" + pharos.log());
    }

    @AfterAll
    static void stop() throws Exception {
        if (pharos != null) {
            pharos.stop();
        }
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** The PharosScraped alert in the Alertmanager, waiting up to 60 s for it. */
    private static JsonNode alertInAlertmanager() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (JsonNode a : get(amPort, "/api/v2/alerts")) {
                if ("PharosScraped".equals(a.path("labels").path("alertname").asText())) {
                    return a;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the alert never reached the Alertmanager\nPharos alerts: "
                + get(pharos.port, "/api/v1/alerts") + "\nalertmanagers: " + get(pharos.port, "/api/v1/alertmanagers")
                + "\n" + pharos.log());
    }

    @Test
    void firingAlertReachesTheRealAlertmanager() throws Exception {
        JsonNode alert = alertInAlertmanager();
        String instance = "127.0.0.1:" + pharos.port;
        JsonNode labels = alert.path("labels");
        assertEquals("page", labels.path("severity").asText(), alert::toString);
        assertEquals("pharos", labels.path("job").asText(), alert::toString);
        assertEquals(instance, labels.path("instance").asText(), alert::toString);
        assertEquals("interop", labels.path("cluster").asText(), "external labels are added: " + alert);
        assertEquals(5, labels.size(), alert::toString);
        assertEquals(instance + " is up", alert.path("annotations").path("summary").asText(), alert::toString);
        assertEquals("1", alert.path("annotations").path("value").asText(), alert::toString);
        assertEquals("PHAROS answers with 1.0", alert.path("annotations").path("description").asText(),
                "Go template functions and pipelines: " + alert);
        assertEquals("active", alert.path("status").path("state").asText(), alert::toString);
        Instant startsAt = Instant.parse(alert.path("startsAt").asText());
        Instant endsAt = Instant.parse(alert.path("endsAt").asText());
        assertTrue(startsAt.isBefore(Instant.now().plusSeconds(1)), alert::toString);
        assertTrue(endsAt.isAfter(Instant.now()), "a firing alert ends in the future: " + alert);
        String generator = URLDecoder.decode(alert.path("generatorURL").asText(), StandardCharsets.UTF_8);
        assertTrue(generator.contains("/graph?g0.expr=up{job=\"pharos\"} == 1") && generator.endsWith("g0.tab=1"),
                generator);
    }

    @Test
    void pharosReportsItsRulesAlertsAndAlertmanagers() throws Exception {
        alertInAlertmanager();
        JsonNode alerts = get(pharos.port, "/api/v1/alerts").path("data").path("alerts");
        assertEquals(1, alerts.size(), alerts::toString);
        assertEquals("firing", alerts.get(0).path("state").asText(), alerts::toString);
        JsonNode group = get(pharos.port, "/api/v1/rules").path("data").path("groups").get(0);
        assertEquals("interop", group.path("name").asText(), group::toString);
        assertEquals(2, group.path("rules").size(), group::toString);
        JsonNode managers = get(pharos.port, "/api/v1/alertmanagers").path("data").path("activeAlertmanagers");
        assertEquals("http://127.0.0.1:" + amPort + "/api/v2/alerts", managers.get(0).path("url").asText(),
                managers::toString);
        JsonNode recorded = get(pharos.port, "/api/v1/query?query=job:up:sum").path("data").path("result");
        assertEquals("pharos", recorded.get(0).path("metric").path("job").asText(), recorded::toString);
    }
}
