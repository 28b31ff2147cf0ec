package io.pharos.notifier.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pharos.config.ConfigLoader;
import io.pharos.spi.alerting.Alert;
import io.pharos.spi.model.Labels;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Sends alerts through the notifier to Debian's real {@code prometheus-alertmanager} (0.25) on
 * 127.0.0.1 and reads them back from its {@code GET /api/v2/alerts}. Skipped when the binary is
 * not on the PATH, unless PHAROS_REQUIRE_INTEROP is set.
 */
class AlertmanagerInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String find(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void realAlertmanagerShowsTheAlerts() throws Exception {
        String binary = find("prometheus-alertmanager");
        if (binary == null) {
            if (System.getenv("PHAROS_REQUIRE_INTEROP") != null) {
                fail("PHAROS_REQUIRE_INTEROP is set but prometheus-alertmanager is not on the PATH");
            }
            Assumptions.abort("prometheus-alertmanager is not on the PATH (apt-get install prometheus-alertmanager)");
        }
        Path work = Path.of("target", "alertmanager-interop").toAbsolutePath();
        Files.createDirectories(work);
        Path config = work.resolve("alertmanager.yml");
        Files.writeString(config, "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n");
        int port = freePort();
        String address = "127.0.0.1:" + port;
        Process am = new ProcessBuilder(binary, "--config.file=" + config, "--storage.path=" + work.resolve("data"),
                "--web.listen-address=" + address, "--cluster.listen-address=")
                .directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("alertmanager.log").toFile()).start();
        Notifier notifier = new Notifier(Notifier.DEFAULT_CAPACITY, "Pharos/test", t -> null);
        try {
            awaitReady("http://" + address + "/-/ready", am);
            notifier.apply(ConfigLoader.parse("global: {external_labels: {cluster: interop}}\n"
                    + "alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['" + address + "']}]\n", "p.yml"),
                    work);
            Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
            Instant end = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
            notifier.send(List.of(
                    new Alert(Labels.of("alertname", "InstanceDown", "instance", "a:9100", "severity", "page"),
                            Labels.of("summary", "a:9100 is down", "description", "for 5 minutes"), start, end,
                            "http://pharos:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1", null),
                    new Alert(Labels.of("alertname", "DiskFull", "cluster", "own"), Labels.EMPTY, start, end,
                            "http://pharos:9090/graph?g0.expr=disk", null)));
            notifier.drain();
            assertEquals(0, notifier.droppedTotal(), "the Alertmanager took the batch");

            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address + "/api/v2/alerts"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            Map<String, JsonNode> byName = new HashMap<>();
            for (JsonNode a : JSON.readTree(r.body())) {
                byName.put(a.get("labels").get("alertname").asText(), a);
            }
            JsonNode down = byName.get("InstanceDown");
            assertNotNull(down, "InstanceDown in " + byName.keySet());
            assertEquals(JSON.readTree("{\"alertname\":\"InstanceDown\",\"cluster\":\"interop\",\"instance\":\"a:9100\","
                    + "\"severity\":\"page\"}"), down.get("labels"));
            assertEquals(JSON.readTree("{\"summary\":\"a:9100 is down\",\"description\":\"for 5 minutes\"}"),
                    down.get("annotations"));
            assertEquals(start, Instant.parse(down.get("startsAt").asText()));
            assertEquals(end, Instant.parse(down.get("endsAt").asText()));
            assertEquals("http://pharos:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1", down.get("generatorURL").asText());
            assertEquals("active", down.get("status").get("state").asText());
            JsonNode disk = byName.get("DiskFull");
            assertNotNull(disk, "DiskFull in " + byName.keySet());
            assertEquals("own", disk.get("labels").get("cluster").asText(), "the alert's own label wins");
            assertEquals(0, disk.get("annotations").size());
        } finally {
            notifier.close();
            am.destroy();
            if (!am.waitFor(30, TimeUnit.SECONDS)) {
                am.destroyForcibly();
            }
        }
    }

    /** Polls until the Alertmanager is ready; fails with its log when it exits first. */
    private static void awaitReady(String url, Process am) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!am.isAlive()) {
                fail("alertmanager exited with " + am.exitValue() + ": "
                        + Files.readString(Path.of("target", "alertmanager-interop", "alertmanager.log")));
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("alertmanager at " + url + " not ready within 60 s");
    }
}
