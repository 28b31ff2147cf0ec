package io.pharos.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.promql.Sample;
import io.pharos.rules.AlertState;
import io.pharos.rules.RuleGroupInfo;
import io.pharos.rules.RuleInfo;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.StaleMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording output, staleness, reloads and for-state restore against real storage and engine. */
class RulesManagerTest {
    private static final long MIN = 60_000;
    private static final RulesManager.Settings SETTINGS = new RulesManager.Settings(Duration.ofMinutes(1),
            Duration.ZERO, Map.of("cluster", "eu"), "http://pharos:9090", false);

    @TempDir
    Path dir;
    private final Fixture fx = new Fixture();

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** What the configuration validator runs: a broken file is reported and nothing running changes. */
    @Test
    void checkReportsBrokenFilesWithoutTouchingTheRunningRules() throws Exception {
        Path good = write("good.yml", "groups:\n  - name: g\n    rules:\n      - record: r\n        expr: up\n");
        fx.manager.update(List.of(good), SETTINGS);
        Path bad = write("bad.yml", "groups:\n  - name: g\n    rules:\n      - record: r\n        expr: up{\n");
        RuleFileException e = assertThrows(RuleFileException.class, () -> fx.manager.check(List.of(bad), false));
        assertTrue(e.getMessage().contains("bad.yml: 5:15: group \"g\", rule 1, \"r\": could not parse expression"),
                e.getMessage());
        fx.manager.check(List.of(good), false);
        assertEquals(1, fx.manager.groups().size());
        assertEquals(good.toString(), fx.manager.groups().get(0).file());
    }

    @Test
    void recordingRuleWritesRenamedSeriesAndMarksVanishedOnesStale() throws Exception {
        Path f = write("rec.yml", """
                groups:
                  - name: rec
                    labels: {source: group}
                    rules:
                      - record: job:up:sum
                        expr: sum by (job) (up)
                        labels: {source: rule}
                      - record: scalar:two
                        expr: 1 + 1
                """);
        fx.manager.update(List.of(f), SETTINGS);
        fx.add(Labels.of("__name__", "up", "job", "a", "instance", "1"), 0, 1);
        fx.add(Labels.of("__name__", "up", "job", "a", "instance", "2"), 0, 1);
        fx.add(Labels.of("__name__", "up", "job", "b", "instance", "3"), 0, 1);
        fx.manager.evaluateAll(MIN);
        List<Sample> rec = fx.samples("job:up:sum");
        assertEquals(List.of(
                new Sample(Labels.of("__name__", "job:up:sum", "job", "a", "source", "rule"), MIN, 2),
                new Sample(Labels.of("__name__", "job:up:sum", "job", "b", "source", "rule"), MIN, 1)), rec);
        assertEquals(List.of(new Sample(Labels.of("__name__", "scalar:two", "source", "group"), MIN, 2)),
                fx.samples("scalar:two"), "a scalar result becomes a sample without labels");

        fx.add(Labels.of("__name__", "up", "job", "a", "instance", "1"), 90_000, 1);
        fx.add(Labels.of("__name__", "up", "job", "a", "instance", "2"), 90_000, 1);
        fx.add(Labels.of("__name__", "up", "job", "b", "instance", "3"), 90_000, StaleMarker.VALUE);
        fx.manager.evaluateAll(2 * MIN);
        List<Sample> b = fx.samples("job:up:sum").stream().filter(s -> "b".equals(s.labels().get("job"))).toList();
        assertEquals(2, b.size());
        assertTrue(StaleMarker.isStale(b.get(1).v()), "job b vanished: stale marker at the evaluation time");
        assertEquals(2 * MIN, b.get(1).t());

        RuleInfo info = fx.manager.groups().get(0).rules().get(0);
        assertEquals(RuleInfo.Health.OK, info.health());
        assertEquals("sum by (job) (up)", info.query());
        assertEquals(Instant.EPOCH, info.lastEvaluation());
    }

    @Test
    void failingRuleIsUnhealthyAndCounted() throws Exception {
        Path f = write("bad.yml", """
                groups:
                  - name: g
                    rules:
                      - record: dup
                        expr: up
                        labels: {instance: x}
                """);
        fx.manager.update(List.of(f), SETTINGS);
        fx.add(Labels.of("__name__", "up", "instance", "1"), 0, 1);
        fx.add(Labels.of("__name__", "up", "instance", "2"), 0, 1);
        fx.manager.evaluateAll(MIN);
        RuleInfo info = fx.manager.groups().get(0).rules().get(0);
        assertEquals(RuleInfo.Health.ERR, info.health());
        assertEquals("vector contains metrics with the same labelset after applying rule labels", info.lastError());
        GroupMetrics m = fx.manager.metrics().get(f + ";g");
        assertEquals(1, m.evaluationFailures.sum());
        assertEquals(1, m.evaluations.sum());
    }

    @Test
    void alertsAreWrittenAndSentWithExternalUrl() throws Exception {
        Path f = write("alerts.yml", """
                groups:
                  - name: alerts
                    rules:
                      - alert: InstanceDown
                        expr: up == 0
                        for: 1m
                        labels: {severity: "{{ $externalLabels.cluster }}"}
                        annotations: {summary: "{{ $labels.instance }} down"}
                """);
        fx.manager.update(List.of(f), SETTINGS);
        fx.manager.runningGroups().forEach(g -> g.restoreForState(0)); // nothing stored: just marks restored
        fx.add(Labels.of("__name__", "up", "instance", "1"), 0, 0);
        fx.manager.evaluateAll(0);
        fx.add(Labels.of("__name__", "up", "instance", "1"), MIN, 0);
        fx.manager.evaluateAll(MIN);
        Labels firing = Labels.of("__name__", "ALERTS", "alertname", "InstanceDown", "alertstate", "firing",
                "instance", "1", "severity", "eu");
        assertEquals(List.of(new Sample(firing, MIN, 1)),
                fx.samples("ALERTS").stream().filter(s -> s.labels().equals(firing)).toList());
        assertEquals(1, fx.sent.size());
        assertEquals("1 down", fx.sent.get(0).get(0).annotations().get("summary"));
        assertEquals("http://pharos:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1", fx.sent.get(0).get(0).generatorURL());
        assertEquals(AlertState.FIRING, fx.manager.alerts().get(0).state());
    }

    @Test
    void badRuleFileKeepsTheOldRulesRunning() throws Exception {
        Path f = write("r.yml", """
                groups:
                  - name: g
                    rules:
                      - record: a
                        expr: vector(1)
                """);
        fx.manager.update(List.of(f), SETTINGS);
        fx.manager.evaluateAll(MIN);
        Files.writeString(f, """
                groups:
                  - name: g
                    rules:
                      - record: a
                        expr: vector(1
                """);
        RuleFileException e = assertThrows(RuleFileException.class, () -> fx.manager.update(List.of(f), SETTINGS));
        assertTrue(e.getMessage().startsWith(f + ": 5:15: group \"g\", rule 1, \"a\": could not parse expression: "),
                e.getMessage());
        List<RuleGroupInfo> groups = fx.manager.groups();
        assertEquals(1, groups.size());
        assertEquals("vector(1)", groups.get(0).rules().get(0).query());
        assertEquals(Instant.EPOCH, groups.get(0).lastEvaluation(), "the old group with its state");
    }

    @Test
    void reloadKeepsStateOfUnchangedRulesAndStalesRemovedOnes() throws Exception {
        Path f = write("r.yml", """
                groups:
                  - name: g
                    rules:
                      - record: a
                        expr: vector(1)
                      - record: b
                        expr: vector(2)
                """);
        fx.manager.update(List.of(f), SETTINGS);
        fx.manager.evaluateAll(MIN);
        Files.writeString(f, """
                groups:
                  - name: g
                    interval: 30s
                    rules:
                      - record: a
                        expr: vector(1)
                """);
        fx.manager.update(List.of(f), SETTINGS);
        assertEquals(RuleInfo.Health.OK, fx.manager.groups().get(0).rules().get(0).health(), "status carried over");
        assertEquals(Duration.ofSeconds(30), fx.manager.groups().get(0).interval());
        fx.manager.evaluateAll(2 * MIN);
        List<Sample> b = fx.samples("b");
        assertTrue(StaleMarker.isStale(b.get(b.size() - 1).v()), "the removed rule's series is marked stale");
    }

    @Test
    void removedGroupIsMarkedStale() throws Exception {
        Path f = write("r.yml", "groups: [{name: g, rules: [{record: a, expr: vector(1)}]}]\n");
        fx.manager.update(List.of(f), SETTINGS);
        fx.manager.evaluateAll(MIN);
        Files.writeString(f, "groups: []\n");
        fx.now = Instant.ofEpochMilli(2 * MIN);
        fx.manager.update(List.of(f), SETTINGS);
        assertTrue(fx.manager.groups().isEmpty());
        List<Sample> a = fx.samples("a");
        assertTrue(StaleMarker.isStale(a.get(a.size() - 1).v()));
    }

    @Test
    void forStateIsRestoredAfterRestart() throws Exception {
        Path f = write("a.yml", """
                groups:
                  - name: g
                    rules:
                      - alert: Long
                        expr: up == 0
                        for: 1h
                      - alert: Short
                        expr: up == 0
                        for: 5m
                """);
        long activeAt = 1_000_000_000_000L;
        long downAt = activeAt + 20 * MIN; // pending for 20 minutes when the server went down
        long restart = downAt + 10 * MIN;
        fx.add(Labels.of("__name__", "ALERTS_FOR_STATE", "alertname", "Long", "instance", "1"), downAt,
                activeAt / 1000);
        fx.add(Labels.of("__name__", "up", "instance", "1"), restart, 0);
        fx.manager.update(List.of(f), SETTINGS);
        fx.manager.evaluateAll(restart);
        assertTrue(fx.samples("ALERTS").isEmpty(), "nothing written before the restore");
        fx.manager.restoreAll(restart);
        RuleInfo longRule = fx.manager.groups().get(0).rules().get(0);
        assertEquals(Instant.ofEpochMilli(activeAt + 10 * MIN), longRule.alerts().get(0).activeAt(),
                "pending progress kept, shifted by the downtime");
        RuleInfo shortRule = fx.manager.groups().get(0).rules().get(1);
        assertEquals(Instant.ofEpochMilli(restart), shortRule.alerts().get(0).activeAt(), "shorter than the grace period");
    }

    @Test
    void forStateNearFiringGetsTheGracePeriod() throws Exception {
        Path f = write("a.yml", "groups: [{name: g, rules: [{alert: A, expr: up == 0, for: 30m}]}]\n");
        long activeAt = 1_000_000_000_000L;
        long downAt = activeAt + 25 * MIN; // 5 minutes left, less than the 10 minute grace period
        long restart = downAt + 2 * MIN;
        fx.add(Labels.of("__name__", "ALERTS_FOR_STATE", "alertname", "A", "instance", "1"), downAt, activeAt / 1000);
        fx.add(Labels.of("__name__", "up", "instance", "1"), restart, 0);
        fx.manager.update(List.of(f), SETTINGS);
        fx.manager.evaluateAll(restart);
        fx.manager.restoreAll(restart);
        assertEquals(Instant.ofEpochMilli(restart + 10 * MIN - 30 * MIN),
                fx.manager.alerts().get(0).activeAt(), "fires exactly one grace period after the restart");
    }

    @Test
    void evaluationSlotIsStableAndWithinTheInterval() throws Exception {
        Path f = write("r.yml", "groups: [{name: g, rules: [{record: a, expr: vector(1)}]}]\n");
        fx.manager.update(List.of(f), SETTINGS);
        RuleGroup g = fx.manager.runningGroups().get(0);
        long now = 1_700_000_000_123_456_789L;
        long slot = g.evalTimestamp(now);
        assertTrue(slot <= now && now - slot < 60_000_000_000L);
        assertEquals(slot + 60_000_000_000L, g.evalTimestamp(slot + 60_000_000_000L));
        assertEquals(slot, g.evalTimestamp(slot + 59_999_999_999L));
    }
}
