package io.pharos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * Starts the distribution the way a user does (bin/karaf, from the unpacked tar.gz, with its
 * default configuration apart from free ports) and checks what the README promises: Pharos
 * scrapes itself and answers {@code up} within 30 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {
    private static Distribution pharos;

    @BeforeAll
    static void launch() throws Exception {
        Files.deleteIfExists(Path.of(System.getProperty("project.build.directory"), "launcher-figures.txt"));
        pharos = Distribution.unpack("launcher");
        pharos.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pharos != null) {
            pharos.stop();
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return pharos.get(path);
    }

    private static String log() {
        return pharos.log();
    }

    @Test
    @Order(1)
    void readyAndScrapingItselfWithin30Seconds() throws Exception {
        long deadline = pharos.launchedNanos() + TimeUnit.SECONDS.toNanos(30);
        long readyAt = 0;
        String body = "";
        while (System.nanoTime() < deadline) {
            assertTrue(pharos.alive(), () -> "karaf exited: " + log());
            try {
                if (readyAt == 0 && get("/-/ready").statusCode() == 200) {
                    readyAt = System.nanoTime();
                }
                body = get("/api/v1/query?query=up").body();
                if (body.contains("\"value\"") && body.contains("\"1\"")) {
                    break;
                }
            } catch (IOException notListeningYet) {
                // retry
            }
            Thread.sleep(100);
        }
        long upAt = System.nanoTime();
        String answer = body;
        assertTrue(answer.contains("\"__name__\":\"up\"") && answer.contains("\"job\":\"pharos\"")
                        && answer.contains("\"instance\":\"localhost:" + pharos.port + "\"") && answer.contains("\"1\""),
                () -> "no up{job=\"pharos\"} 1 within 30 s; last answer: " + shorten(answer) + "\n" + log());
        long rssKiB = pharos.rssKiB();
        String figures = String.format("launch_to_ready_ms=%d%nlaunch_to_up_ms=%d%nidle_rss_kib_at_up=%d%n",
                TimeUnit.NANOSECONDS.toMillis(readyAt - pharos.launchedNanos()),
                TimeUnit.NANOSECONDS.toMillis(upAt - pharos.launchedNanos()), rssKiB);
        figures(figures);
    }

    private static void figures(String text) throws IOException {
        Files.writeString(Path.of(System.getProperty("project.build.directory"), "launcher-figures.txt"), text,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        System.out.print(text);
    }

    /** Data under data/ (the LMDB TSDB) survives a stop; the next start serves it again. */
    @Test
    @Order(3)
    void restartKeepsTheDataAndIsReadyAgain() throws Exception {
        String before = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!before.contains("\"1\"") && System.nanoTime() < deadline) {
            try {
                before = get("/api/v1/query?query=up").body();
            } catch (IOException notListeningYet) {
                // retry
            }
            Thread.sleep(100);
        }
        Matcher at = Pattern.compile("\"value\":\\[([0-9.]+),").matcher(before);
        assertTrue(at.find(), before);
        String sampleTime = at.group(1);
        pharos.stop();
        pharos.start();
        long readyAt = pharos.awaitReady(30);
        assertTrue(readyAt > 0, () -> "not ready again within 30 s\n" + log());
        String after = get("/api/v1/query?query=up&time=" + sampleTime).body();
        assertTrue(after.contains("\"job\":\"pharos\"") && after.contains("\"1\""),
                () -> "data from before the restart is gone: " + after + "\n" + log());
        figures(String.format("restart_to_ready_ms=%d%n", TimeUnit.NANOSECONDS.toMillis(readyAt - pharos.launchedNanos())));
    }

    @Test
    @Order(2)
    void ownMetricsAndBuildInfoAreServed() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpResponse<String> metrics = null;
        while (System.nanoTime() < deadline) {
            try {
                metrics = get("/metrics");
                if (metrics.statusCode() == 200) {
                    break;
                }
            } catch (IOException notListeningYet) {
                // retry
            }
            Thread.sleep(100);
        }
        HttpResponse<String> served = metrics;
        assertEquals(200, served.statusCode(), () -> log());
        assertTrue(metrics.body().contains("# TYPE process_resident_memory_bytes gauge"), metrics.body());
        assertTrue(metrics.body().contains("pharos_build_info{"), metrics.body());
        String build = get("/api/v1/status/buildinfo").body();
        assertTrue(build.startsWith("{\"status\":\"success\",\"data\":{\"version\":"), build);
    }

    private static String shorten(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }
}
