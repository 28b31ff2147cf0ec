package io.pharos.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pending alert keeps its {@code for} progress across a restart, as Prometheus restores it from
 * {@code ALERTS_FOR_STATE}: its activeAt is shifted by the downtime, not reset to the first
 * evaluation after the restart.
 */
class ForStateRestoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = """
            groups:
              - name: restore
                rules:
                  - alert: AlwaysPending
                    expr: vector(1)
                    for: 1h
            """;
    private static Distribution pharos;

    @BeforeAll
    static void launch() throws Exception {
        pharos = Distribution.unpack("for-state-restore");
        Files.writeString(pharos.home.resolve("etc/rules.yml"), RULES);
        Files.writeString(pharos.home.resolve("etc/prometheus.yml"),
                "global:\n  evaluation_interval: 1s\nrule_files:\n  - rules.yml\n");
        pharos.start();
        assertTrue(pharos.awaitReady(60) > 0, () -> "Pharos not ready within 60 s\n" + pharos.log());
    }

    @AfterAll
    static void stop() throws Exception {
        if (pharos != null) {
            pharos.stop();
        }
    }

    /** The activeAt of the pending alert, waiting up to 60 s for one. */
    private static Instant pendingSince() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode alerts = JSON.readTree(pharos.get("/api/v1/alerts").body()).path("data").path("alerts");
            if (alerts.size() == 1) {
                assertEquals("pending", alerts.get(0).path("state").asText(), alerts::toString);
                return Instant.parse(alerts.get(0).path("activeAt").asText());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no pending alert within 60 s\n" + pharos.log());
    }

    @Test
    void pendingTimeSurvivesARestart() throws Exception {
        Instant before = pendingSince();
        Thread.sleep(12_000); // pending for 12 s, written to ALERTS_FOR_STATE every second
        pharos.stop();
        Instant stopped = Instant.now();
        pharos.start();
        assertTrue(pharos.awaitReady(60) > 0, () -> "Pharos not ready after the restart\n" + pharos.log());
        Instant ready = Instant.now();
        Thread.sleep(3_000); // Prometheus restores after the group's second evaluation
        Instant after = pendingSince();
        // Restored: activeAt moves by the downtime, so about 12 s of pending time remain behind
        // "ready"; without a restore it would be the first evaluation after the restart.
        long downtimeMs = ready.toEpochMilli() - stopped.toEpochMilli();
        assertTrue(after.isBefore(ready.minusSeconds(5)),
                "activeAt " + after + " was reset by the restart (ready at " + ready + ", first activeAt " + before
                        + ", down for " + downtimeMs + " ms)");
        assertTrue(after.isAfter(before), "activeAt is shifted by the downtime: " + before + " -> " + after);
    }
}
