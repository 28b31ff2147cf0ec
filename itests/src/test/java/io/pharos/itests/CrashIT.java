package io.pharos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * kill -9 of a real Pharos process in the middle of remote-write ingest: after a restart every
 * sample whose request was acknowledged (204) is there.
 */
class CrashIT {
    private static final int SERIES = 50;
    private static Distribution pharos;

    @BeforeAll
    static void launch() throws Exception {
        pharos = Distribution.unpack("crash");
        pharos.replace("etc/io.pharos.remotewrite.cfg", "enabled = false", "enabled = true");
        pharos.start();
        assertTrue(pharos.awaitReady(60) > 0, () -> "not ready within 60 s\n" + pharos.log());
    }

    @AfterAll
    static void stop() throws Exception {
        if (pharos != null) {
            pharos.stop();
        }
    }

    /** One request: sample k (at t0 + k seconds, value k) of every series crash_test{s="i"}. */
    private static byte[] request(long t0, long k) throws IOException {
        byte[][] series = new byte[SERIES][];
        for (int i = 0; i < SERIES; i++) {
            series[i] = WriteRequests.series(new TreeMap<>(Map.of("__name__", "crash_test", "s", Integer.toString(i))),
                    t0 + k * 1000, k);
        }
        return Snappy.compress(WriteRequests.request(series));
    }

    @Test
    void killDashNineLosesNoAcknowledgedSample() throws Exception {
        long t0 = System.currentTimeMillis() / 1000 * 1000 - 600_000;
        AtomicLong acked = new AtomicLong(-1);
        Thread sender = new Thread(() -> {
            for (long k = 0; ; k++) {
                try {
                    HttpResponse<String> r = pharos.post("/api/v1/write", "application/x-protobuf", "snappy",
                            request(t0, k));
                    if (r.statusCode() != 204) {
                        return;
                    }
                    acked.set(k);
                } catch (IOException | InterruptedException e) {
                    return; // the server is gone
                }
            }
        });
        sender.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acked.get() < 300 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        pharos.kill();
        sender.join(30_000);
        long last = acked.get();
        assertTrue(last >= 300, "the sender got " + (last + 1) + " acknowledgements in 30 s\n" + pharos.log());

        pharos.start();
        long readyAt = pharos.awaitReady(60);
        assertTrue(readyAt > 0, () -> "not ready within 60 s after kill -9\n" + pharos.log());
        long evalAt = t0 + last * 1000;
        HttpResponse<String> count = pharos.get("/api/v1/query?query=count_over_time(crash_test%5B1h%5D)&time="
                + evalAt / 1000.0);
        Matcher m = Pattern.compile("\"value\":\\[[0-9.]+,\"([0-9]+)\"\\]").matcher(count.body());
        int series = 0;
        while (m.find()) {
            series++;
            assertEquals(last + 1, Long.parseLong(m.group(1)), () -> "samples lost: " + count.body());
        }
        assertEquals(SERIES, series, count.body());
        Files.writeString(Path.of(System.getProperty("project.build.directory"), "crash-figures.txt"),
                String.format("acknowledged_samples=%d%nlost_acknowledged_samples=0%nrestart_after_kill9_to_ready_ms=%d%n",
                        (last + 1) * SERIES, TimeUnit.NANOSECONDS.toMillis(readyAt - pharos.launchedNanos())),
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
