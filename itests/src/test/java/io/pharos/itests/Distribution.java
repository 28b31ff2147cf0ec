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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built distribution unpacked under {@code target/<name>} and run as a user runs it
 * ({@code bin/karaf server}), with free ports instead of the defaults.
 */
final class Distribution {
    final Path home;
    final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process karaf;
    private long launchedNanos;

    private Distribution(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Unpacks a fresh copy into {@code target/<name>} and points its ports at free ones. */
    static Distribution unpack(String name) throws Exception {
        Path work = Path.of(System.getProperty("project.build.directory"), name);
        deleteTree(work);
        Files.createDirectories(work);
        Process untar = new ProcessBuilder("tar", "-xzf", System.getProperty("pharos.distribution"), "-C",
                work.toString()).inheritIO().start();
        assertEquals(0, untar.waitFor());
        Path home;
        try (var dirs = Files.list(work)) {
            home = dirs.findFirst().orElseThrow();
        }
        Distribution d = new Distribution(home, KarafOptions.freePort());
        d.replace("etc/io.pharos.http.cfg", "port = 9090", "port = " + d.port);
        d.replace("etc/prometheus.yml", "localhost:9090", "localhost:" + d.port);
        d.replaceRegex("etc/org.apache.karaf.shell.cfg", "(?m)^sshPort\\s*=.*$", "sshPort = " + KarafOptions.freePort());
        d.replaceRegex("etc/org.apache.karaf.management.cfg", "(?m)^rmiRegistryPort\\s*=.*$",
                "rmiRegistryPort = " + KarafOptions.freePort());
        d.replaceRegex("etc/org.apache.karaf.management.cfg", "(?m)^rmiServerPort\\s*=.*$",
                "rmiServerPort = " + KarafOptions.freePort());
        return d;
    }

    void replace(String file, String from, String to) throws IOException {
        Path f = home.resolve(file);
        String s = Files.readString(f);
        assertTrue(s.contains(from), f + " does not contain " + from);
        Files.writeString(f, s.replace(from, to));
    }

    void replaceRegex(String file, String regex, String to) throws IOException {
        Path f = home.resolve(file);
        String s = Files.readString(f);
        assertTrue(Pattern.compile(regex).matcher(s).find(), f + " does not match " + regex);
        Files.writeString(f, s.replaceAll(regex, Matcher.quoteReplacement(to)));
    }

    void start() throws IOException {
        launchedNanos = System.nanoTime();
        karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()))
                .start();
    }

    long launchedNanos() {
        return launchedNanos;
    }

    boolean alive() {
        return karaf != null && karaf.isAlive();
    }

    /** The JVM process ids: bin/karaf runs java as its child. */
    List<ProcessHandle> jvms() {
        return karaf == null ? List.of() : karaf.descendants().toList();
    }

    /** A clean stop: TERM to the JVM, which shuts Karaf down. */
    void stop() throws Exception {
        if (karaf != null) {
            List<ProcessHandle> jvms = jvms();
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

    /** kill -9 of the JVM: no shutdown hook, no flush, no checkpoint. */
    void kill() throws Exception {
        if (karaf != null) {
            List<ProcessHandle> jvms = jvms();
            jvms.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle jvm : jvms) {
                jvm.onExit().get(30, TimeUnit.SECONDS);
            }
            karaf.destroyForcibly();
            karaf.waitFor(30, TimeUnit.SECONDS);
            karaf = null;
        }
    }

    /** Waits (at most {@code seconds}) for /-/ready; returns the nanoTime it answered 200, or 0. */
    long awaitReady(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return System.nanoTime();
                }
            } catch (IOException notListeningYet) {
                // retry
            }
            Thread.sleep(50);
        }
        return 0;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, String contentEncoding, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            b.header("Content-Encoding", contentEncoding);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Resident set size of the JVM in KiB. */
    long rssKiB() throws IOException {
        long best = 0;
        List<Long> pids = new ArrayList<>();
        if (karaf != null) {
            pids.add(karaf.pid());
        }
        jvms().forEach(p -> pids.add(p.pid()));
        for (long p : pids) {
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

    /** The tail of karaf.log, for failure messages. */
    String log() {
        try {
            Path karafLog = home.resolve("data/log/karaf.log");
            String s = Files.exists(karafLog) ? Files.readString(karafLog) : "(no karaf.log)";
            return "karaf.log tail:\n" + s.substring(Math.max(0, s.length() - 6000));
        } catch (IOException e) {
            return "(cannot read karaf.log: " + e + ")";
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (var walk = Files.walk(p)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
