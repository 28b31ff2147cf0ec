package io.pharos.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.promql.internal.QueryEngineFactoryComponent;
import io.pharos.rules.promtool.RuleUnitTester;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The promtool rule unit test runner on small test files, with promtool's messages. */
class RuleUnitTestsTest {
    static final RuleUnitTester TESTER = new RuleUnitTester(new QueryEngineFactoryComponent(Fixture.FUNCTIONS));
    private static final String RULES = """
            groups:
              - name: first
                rules:
                  - record: job:up:sum
                    expr: sum by (job) (up)
              - name: second
                rules:
                  - alert: JobDown
                    expr: job:up:sum == 0
                    for: 2m
                    labels: {severity: page}
                    annotations:
                      summary: "{{ $labels.job }} is down ({{ $value }})"
            """;

    @TempDir
    Path dir;

    /** Expected messages written as text blocks, each line indented by promtool's four spaces. */
    static List<String> messages(String... blocks) {
        return java.util.Arrays.stream(blocks).map(b -> b.indent(4).stripTrailing()).toList();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private List<String> failures(Path test) {
        List<String> unmatched = new ArrayList<>();
        List<String> out = TESTER.failures(test, unmatched::add);
        assertEquals(List.of(), unmatched);
        return out;
    }

    @Test
    void passingTestPrintsSuccess() throws IOException {
        write("rules.yml", RULES);
        Path t = write("t.yml", """
                rule_files: [rules.yml]
                group_eval_order: [first, second]
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'up{job="api", instance="a"}'
                        values: '1 1 0 0 0 0'
                    alert_rule_test:
                      - eval_time: 3m
                        alertname: JobDown
                        exp_alerts: []
                      - eval_time: 4m
                        alertname: JobDown
                        exp_alerts:
                          - exp_labels: {severity: page, job: api}
                            exp_annotations: {summary: "api is down (0)"}
                    promql_expr_test:
                      - expr: job:up:sum
                        eval_time: 1m
                        exp_samples:
                          - labels: 'job:up:sum{job="api"}'
                            value: 1
                      - expr: ALERTS
                        eval_time: 3m
                        exp_samples:
                          - labels: 'ALERTS{alertname="JobDown", alertstate="pending", job="api", severity="page"}'
                            value: 1
                """);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        assertTrue(TESTER.run(List.of(t), ps, ps), buf.toString(StandardCharsets.UTF_8));
        assertEquals("Unit Testing:  " + t + "\n  SUCCESS\n\n", buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void groupEvalOrderDecidesWhatAnAlertSeesInTheSameIteration() throws IOException {
        write("rules.yml", RULES);
        String test = """
                rule_files: [rules.yml]
                group_eval_order: [%s]
                tests:
                  - input_series:
                      - series: 'up{job="api"}'
                        values: '0x5'
                    alert_rule_test:
                      - eval_time: 2m
                        alertname: JobDown
                        exp_alerts: [{exp_labels: {severity: page, job: api}, exp_annotations: {summary: "api is down (0)"}}]
                """;
        assertEquals(List.of(), failures(write("a.yml", test.formatted("first, second"))));
        // The alert runs first and sees the recorded series one evaluation late: still pending at 2m.
        List<String> late = failures(write("b.yml", test.formatted("second, first")));
        assertEquals(1, late.size(), late.toString());
        assertTrue(late.get(0).contains("got:[]"), late.get(0));
    }

    @Test
    void failingAlertAndExpressionReadAsPromtool() throws IOException {
        write("rules.yml", RULES);
        Path t = write("t.yml", """
                rule_files: [rules.yml]
                tests:
                  - name: broken
                    input_series:
                      - series: 'up{job="api"}'
                        values: '0 0 0'
                    alert_rule_test:
                      - eval_time: 2m
                        alertname: JobDown
                        exp_alerts: []
                    promql_expr_test:
                      - expr: job:up:sum
                        eval_time: 1m
                        exp_samples:
                          - labels: 'job:up:sum{job="api"}'
                            value: 1.5
                """);
        assertEquals(messages("""
                    name: broken,
                    alertname: JobDown, time: 2m,\s
                        exp:[],\s
                        got:[
                            0:
                              Labels:{alertname="JobDown", job="api", severity="page"}
                              Annotations:{summary="api is down (0)"}
                            ]""",
                """
                    expr: "job:up:sum", time: 1m,
                        exp: {__name__="job:up:sum", job="api"} 1.5E+00
                        got: {__name__="job:up:sum", job="api"} 0E+00"""), failures(t));
    }

    @Test
    void ruleEvaluationErrorStopsTheGroup() throws IOException {
        write("rules.yml", """
                groups:
                  - name: g
                    rules:
                      - record: joined
                        expr: a + on(x) b
                """);
        Path t = write("t.yml", """
                rule_files: [rules.yml]
                tests:
                  - input_series:
                      - {series: 'a{x="1"}', values: '1'}
                      - {series: 'b{x="1", y="1"}', values: '1'}
                      - {series: 'b{x="1", y="2"}', values: '1'}
                    promql_expr_test:
                      - {expr: joined, eval_time: 5m, exp_samples: []}
                """);
        List<String> f = failures(t);
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).startsWith("    rule: joined, time: 0s, err: found duplicate series for the match group"),
                f.get(0));
    }

    @Test
    void badFilesAndInputsAreNamed() throws IOException {
        assertEquals(List.of("yaml: unmarshal errors:\n  field bogus not found in type main.testGroup"),
                failures(write("a.yml", "tests:\n  - bogus: 1\n")));
        assertEquals(List.of("group name repeated in evaluation order: x"),
                failures(write("b.yml", "group_eval_order: [x, y, x]\ntests: [{}]\n")));
        List<String> series = failures(write("c.yml", """
                tests:
                  - input_series:
                      - {series: 'up{job="a"', values: '1'}
                """));
        assertTrue(series.get(0).startsWith("error parsing input series \"up{job=\\\"a\\\" 1\": column"), series.toString());
        assertEquals(List.of("an item under alert_rule_test misses required attribute alertname at eval_time 1m"
                + " (in TestGroup t)"), failures(write("d.yml", """
                tests:
                  - name: t
                    alert_rule_test: [{eval_time: 1m}]
                """)));
        List<String> unmatched = new ArrayList<>();
        TESTER.failures(write("e.yml", "rule_files: [nothing-*.yml]\ntests: [{}]\n"), unmatched::add);
        assertEquals(List.of(dir.resolve("nothing-*.yml").toString()), unmatched);
    }

    @Test
    void fuzzyCompareAllowsTheLastBitOnly() throws IOException {
        String test = """
                fuzzy_compare: %s
                tests:
                  - input_series: [{series: x, values: '%s'}]
                    promql_expr_test: [{expr: x, eval_time: 0, exp_samples: [{labels: x, value: 3}]}]
                """;
        assertEquals(List.of(), failures(write("a.yml", test.formatted("true", "3.0000000000000004"))));
        assertEquals(1, failures(write("b.yml", test.formatted("false", "3.0000000000000004"))).size());
        assertEquals(1, failures(write("c.yml", test.formatted("true", "3.0000000000000013"))).size());
    }

    @Test
    void startTimestampShiftsSamplesAndEvaluations() throws IOException {
        Path t = write("t.yml", """
                tests:
                  - start_timestamp: "2024-01-01T00:00:00Z"
                    input_series: [{series: m, values: '10+10x5'}]
                    promql_expr_test:
                      - {expr: 'time()', eval_time: 5m, exp_samples: [{value: 1704067500}]}
                      - {expr: 'm @ 1704067320', eval_time: 5m, exp_samples: [{labels: m, value: 30}]}
                """);
        assertEquals(List.of(), failures(t));
    }

    @Test
    void goFormatting() {
        assertEquals("1E+00", GoFormat.floatE(1));
        assertEquals("6E+01", GoFormat.floatE(60));
        assertEquals("1.2345E+03", GoFormat.floatE(1234.5));
        assertEquals("-5E-01", GoFormat.floatE(-0.5));
        assertEquals("1E-10", GoFormat.floatE(1e-10));
        assertEquals("1.7976931348623157E+308", GoFormat.floatE(Double.MAX_VALUE));
        assertEquals("0E+00", GoFormat.floatE(0));
        assertEquals("NaN", GoFormat.floatE(Double.NaN));
        assertEquals("+Inf", GoFormat.floatE(Double.POSITIVE_INFINITY));
        assertEquals("0s", GoFormat.goDuration(0));
        assertEquals("1m0s", GoFormat.goDuration(60_000));
        assertEquals("1h0m5s", GoFormat.goDuration(3_605_000));
        assertEquals("2m59.999s", GoFormat.goDuration(179_999));
        assertEquals("{__name__=\"up\", \"a.b\"=\"x\\\"y\"}",
                GoFormat.labels(io.pharos.spi.model.Labels.of("__name__", "up", "a.b", "x\"y")));
        assertFalse(GoFormat.labels(io.pharos.spi.model.Labels.EMPTY).isEmpty());
    }
}
