package io.pharos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    private static Path home;
    private static Process karaf;
    private static int port;
    private static long launchedNanos;

    @BeforeAll
    static void launch() throws Exception {
        Path work = Path.of(System.getProperty("project.build.directory"), "launcher");
        Files.deleteIfExists(Path.of(System.getProperty("project.build.directory"), "launcher-figures.txt"));
        deleteTree(work);
        Files.createDirectories(work);
        Process untar = new ProcessBuilder("tar", "-xzf", System.getProperty("pharos.distribution"), "-C", work.toString())
                .inheritIO().start();
        assertEquals(0, untar.waitFor());
        try (var dirs = Files.list(work)) {
            home = dirs.findFirst().orElseThrow();
        }
        port = KarafOptions.freePort();
        replace(home.resolve("etc/io.pharos.http.cfg"), "port = 9090", "port = " + port);
        replace(home.resolve("etc/prometheus.yml"), "localhost:9090", "localhost:" + port);
        replaceRegex(home.resolve("etc/org.apache.karaf.shell.cfg"), "(?m)^sshPort\\s*=.*$",
                "sshPort = " + KarafOptions.freePort());
        replaceRegex(home.resolve("etc/org.apache.karaf.management.cfg"), "(?m)^rmiRegistryPort\\s*=.*$",
                "rmiRegistryPort = " + KarafOptions.freePort());
        replaceRegex(home.resolve("etc/org.apache.karaf.management.cfg"), "(?m)^rmiServerPort\\s*=.*$",
                "rmiServerPort = " + KarafOptions.freePort());
        start();
    }

    private static void start() throws IOException {
        launchedNanos = System.nanoTime();
        karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (karaf != null) {
            // bin/karaf runs the JVM as its child: stop the JVM (it shuts Karaf down cleanly on TERM).
            List<ProcessHandle> jvms = karaf.descendants().toList();
            jvms.forEach(ProcessHandle::destroy);
            karaf.destroy();
            for (ProcessHandle jvm : jvms) {
                jvm.onExit().get(60, TimeUnit.SECONDS);
            }
            if (!karaf.waitFor(30, TimeUnit.SECONDS)) {
                karaf.destroyForcibly();
            }
            karaf = null;
        }
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        assertTrue(s.contains(from), file + " does not contain " + from);
        Files.writeString(file, s.replace(from, to));
    }

    private static void replaceRegex(Path file, String regex, String to) throws IOException {
        String s = Files.readString(file);
        assertTrue(Pattern.compile(regex).matcher(s).find(), file + " does not match " + regex);
        Files.writeString(file, s.replaceAll(regex, Matcher.quoteReplacement(to)));
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (var walk = Files.walk(p)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void readyAndScrapingItselfWithin30Seconds() throws Exception {
        long deadline = launchedNanos + TimeUnit.SECONDS.toNanos(30);
        long readyAt = 0;
        String body = "";
        while (System.nanoTime() < deadline) {
            assertTrue(karaf.isAlive(), () -> "karaf exited: " + log());
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
                        && answer.contains("\"instance\":\"localhost:" + port + "\"") && answer.contains("\"1\""),
                () -> "no up{job=\"pharos\"} 1 within 30 s; last answer: " + shorten(answer) + "\n" + log());
        long rssKiB = rssKiB(karaf.pid());
        String figures = String.format("launch_to_ready_ms=%d%nlaunch_to_up_ms=%d%nidle_rss_kib_at_up=%d%n",
                TimeUnit.NANOSECONDS.toMillis(readyAt - launchedNanos),
                TimeUnit.NANOSECONDS.toMillis(upAt - launchedNanos), rssKiB);
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
        stop();
        start();
        long readyAt = 0;
        deadline = launchedNanos + TimeUnit.SECONDS.toNanos(30);
        while (readyAt == 0 && System.nanoTime() < deadline) {
            try {
                if (get("/-/ready").statusCode() == 200) {
                    readyAt = System.nanoTime();
                }
            } catch (IOException notListeningYet) {
                Thread.sleep(50);
            }
        }
        assertTrue(readyAt > 0, () -> "not ready again within 30 s\n" + log());
        String after = get("/api/v1/query?query=up&time=" + sampleTime).body();
        assertTrue(after.contains("\"job\":\"pharos\"") && after.contains("\"1\""),
                () -> "data from before the restart is gone: " + after + "\n" + log());
        figures(String.format("restart_to_ready_ms=%d%n", TimeUnit.NANOSECONDS.toMillis(readyAt - launchedNanos)));
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

    /** Resident set size of the Karaf JVM (the launcher script execs java, so the PID is the JVM's). */
    private static long rssKiB(long pid) throws IOException {
        List<Long> children = ProcessHandle.of(pid).map(p -> p.descendants().map(ProcessHandle::pid).toList())
                .orElse(List.of());
        long best = 0;
        for (long p : concat(pid, children)) {
            Path status = Path.of("/proc/" + p + "/status");
            if (Files.exists(status)) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        best = Math.max(best, Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
            }
        }
        return best;
    }

    private static List<Long> concat(long first, List<Long> rest) {
        java.util.ArrayList<Long> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static String log() {
        try {
            Path karafLog = home.resolve("data/log/karaf.log");
            String s = Files.exists(karafLog) ? Files.readString(karafLog) : "(no karaf.log)";
            return "karaf.log tail:\n" + s.substring(Math.max(0, s.length() - 6000));
        } catch (IOException e) {
            return "(cannot read karaf.log: " + e + ")";
        }
    }
}
