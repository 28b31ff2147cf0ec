package io.pharos.itests;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real interop peers (Debian's Prometheus, exporters, a Python app) run as child processes. */
final class Peers {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Peers() {
    }

    /** The executable of that name on the PATH, or null. */
    static String find(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /**
     * Skips the calling test class when a peer is missing, or fails it when PHAROS_REQUIRE_INTEROP
     * is set (as .ci/run does after installing the peers), so that CI always runs interop tests.
     */
    static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (System.getenv("PHAROS_REQUIRE_INTEROP") != null) {
            org.junit.jupiter.api.Assertions.fail("PHAROS_REQUIRE_INTEROP is set but " + what + " is missing");
        }
        org.junit.jupiter.api.Assumptions.abort(what + " is missing: interop test skipped");
    }

    /** Whether the command exits with 0 within 30 s. */
    static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** Starts a peer whose output goes to {@code <work>/<name>.log}. */
    static Process start(Path work, String name, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(command));
        return new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).start();
    }

    /** Waits until the URL answers 200. */
    static void awaitHttp(String url, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(url + " did not answer 200 within " + seconds + " s");
    }
}
