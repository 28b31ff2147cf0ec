package io.pharos.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.promql.PromQLException;
import io.pharos.promql.QueryEngine;
import io.pharos.promql.QueryResult;
import io.pharos.promql.internal.QueryEngineComponent;
import io.pharos.rules.AlertInfo;
import io.pharos.rules.AlertState;
import io.pharos.rules.RuleGroupInfo;
import io.pharos.rules.RuleInfo;
import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output of pharos:rules, pharos:alerts, pharos:check-rules and pharos:test-rules. */
class RuleCommandsTest {
    @TempDir
    Path dir;

    private static String capture(Consumer<PrintStream> body) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        body.accept(new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static final AlertInfo FIRING = new AlertInfo(
            Labels.of("alertname", "JobDown", "job", "api", "severity", "page"), Labels.of("summary", "down"),
            AlertState.FIRING, Instant.parse("2024-01-01T00:00:00Z"), null, 0.5);

    private static RuleGroupInfo group(String name) {
        RuleInfo rec = new RuleInfo(RuleInfo.Type.RECORDING, "job:up:sum", "sum by (job) (up)", Labels.EMPTY,
                Labels.EMPTY, Duration.ZERO, Duration.ZERO, AlertState.INACTIVE, List.of(), RuleInfo.Health.OK, "",
                Duration.ofNanos(1_234_000), Instant.parse("2024-01-01T00:01:00Z"));
        RuleInfo alert = new RuleInfo(RuleInfo.Type.ALERTING, "JobDown", "job:up:sum == 0", Labels.EMPTY,
                Labels.EMPTY, Duration.ofMinutes(5), Duration.ZERO, AlertState.FIRING, List.of(FIRING),
                RuleInfo.Health.ERR, "vector contains metrics with the same labelset", Duration.ZERO, null);
        return new RuleGroupInfo(name, "/etc/rules/" + name + ".yml", Duration.ofMinutes(1), 0,
                Duration.ofMillis(3), Instant.parse("2024-01-01T00:01:00Z"), List.of(rec, alert));
    }

    /** The non-empty cells of a --no-format row. */
    private static List<String> cells(String row) {
        return java.util.Arrays.stream(row.split("\t")).map(String::trim).filter(c -> !c.isEmpty()).toList();
    }

    @Test
    void rulesPrintsEachGroupWithItsRules() {
        String out = capture(o -> RulesCommand.print(List.of(group("api"), group("db")), null, o, false));
        assertEquals("Group api (/etc/rules/api.yml), every 1m, last evaluation 2024-01-01T00:01:00Z took 3.000ms",
                out.lines().findFirst().orElseThrow());
        List<List<String>> lines = out.lines().map(RuleCommandsTest::cells).toList();
        assertTrue(lines.contains(List.of("job:up:sum", "recording", "ok", "2024-01-01T00:01:00Z", "1.234ms")), out);
        assertTrue(lines.contains(List.of("JobDown", "alerting", "err", "never", "0s",
                "vector contains metrics with the same labelset")), out);
        assertTrue(out.contains("Group db ("), out);
    }

    @Test
    void rulesFiltersByGroup() {
        String out = capture(o -> RulesCommand.print(List.of(group("api"), group("db")), List.of("db"), o, true));
        assertFalse(out.contains("Group api"), out);
        assertTrue(out.contains("Group db"), out);
        assertEquals("No rule group named nope\n",
                capture(o -> RulesCommand.print(List.of(group("api")), List.of("nope"), o, true)));
        assertEquals("No rule groups loaded\n", capture(o -> RulesCommand.print(List.of(), null, o, true)));
    }

    @Test
    void alertsAreATableWithoutTheAlertnameLabel() {
        String out = capture(o -> AlertsCommand.print(List.of(FIRING), o, false));
        assertTrue(out.lines().map(RuleCommandsTest::cells).anyMatch(l -> l.equals(List.of(
                "JobDown", "firing", "{job=\"api\", severity=\"page\"}", "2024-01-01T00:00:00Z", "0.5"))), out);
        String aligned = capture(o -> AlertsCommand.print(List.of(FIRING), o, true));
        List<String> lines = aligned.lines().toList();
        assertEquals(lines.get(0).indexOf("State"), lines.get(2).indexOf("firing"), aligned);
        assertEquals("No active alerts\n", capture(o -> AlertsCommand.print(List.of(), o, true)));
    }

    /** Parses nothing but rejects a trailing operator, as a stand-in for the engine's parser. */
    private static final QueryEngine PARSER = new QueryEngine() {
        @Override
        public QueryResult instantQuery(String query, long timeMs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public QueryResult rangeQuery(String query, long startMs, long endMs, long stepMs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<LabelMatcher> parseSelector(String selector) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String formatQuery(String query) {
            if (query.endsWith("+")) {
                throw new PromQLException(PromQLException.ErrorType.BAD_DATA, "1:7: parse error: unexpected end of input");
            }
            return query;
        }
    };

    @Test
    void checkRulesPrintsAsPromtool() throws IOException {
        Path good = Files.writeString(dir.resolve("good.yml"), """
                groups:
                  - name: g
                    rules:
                      - {record: a, expr: up}
                      - {alert: B, expr: up == 0}
                """);
        Path bad = Files.writeString(dir.resolve("bad.yml"), """
                groups:
                  - name: g
                    rules:
                      - record: x
                        expr: 'test +'
                """);
        CheckRulesCommand cmd = new CheckRulesCommand();
        cmd.engine = PARSER;
        cmd.files = List.of(good.toString(), bad.toString());
        String[] result = new String[1];
        String out = capture(o -> result[0] = String.valueOf(cmd.run(o, o)));
        assertEquals("false", result[0]);
        assertEquals("Checking " + good + "\n  SUCCESS: 2 rules found\n\nChecking " + bad + "\n  FAILED:\n" + bad
                + ": 5:15: group \"g\", rule 1, \"x\": could not parse expression: 1:7: parse error: unexpected end of "
                + "input\n", out);
    }

    @Test
    void testRulesPrintsAsPromtool() throws IOException {
        Path t = Files.writeString(dir.resolve("t.yml"), """
                tests:
                  - input_series: [{series: up, values: '1'}]
                    promql_expr_test:
                      - {expr: up, eval_time: 0, exp_samples: [{labels: up, value: 2}]}
                """);
        TestRulesCommand cmd = new TestRulesCommand();
        cmd.engines = (storage, step) -> new QueryEngineComponent(storage, 0);
        cmd.files = List.of(t.toString());
        String out = capture(o -> assertFalse(cmd.run(o, o)));
        assertEquals("Unit Testing:  " + t + "\n  FAILED:\n    expr: \"up\", time: 0s,\n"
                + "        exp: {__name__=\"up\"} 2E+00\n        got: {__name__=\"up\"} 1E+00\n\n\n", out);
    }
}
