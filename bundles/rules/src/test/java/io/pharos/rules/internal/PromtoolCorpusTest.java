package io.pharos.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.promql.internal.QueryEngineFactoryComponent;
import io.pharos.rules.promtool.RuleChecker;
import io.pharos.testkit.Corpora;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * promtool's own rule unit test fixtures ({@code shared/corpora/promtool}): those promtool passes
 * pass, those it fails fail with its messages (taken from promtool 2.42 where it prints them).
 */
class PromtoolCorpusTest {
    private static List<String> failures(String name) {
        Path dir = Corpora.resolve("promtool");
        List<String> out = RuleUnitTestsTest.TESTER.failures(dir.resolve(name), p -> { });
        // promtool was run from the fixture folder: name rule files relative to it.
        return out.stream().map(s -> s.replace(dir + "/", "")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"at-modifier-test.yml", "negative-offset-test.yml", "no-test-group-interval.yml",
        "long-period.yml", "start-time-test.yml", "rules_run_extrafields.yml"})
    void passes(String file) {
        if (file.equals("rules_run_extrafields.yml")) {
            // Only with --ignore-unknown-fields, which we do not have: the rule file is rejected.
            List<String> f = failures(file);
            assertEquals(1, f.size(), f.toString());
            assertTrue(f.get(0).startsWith("rules_extrafields.yml: yaml: unmarshal errors:\n"
                    + "  line 7: field namespace not found in type rulefmt.RuleGroup"), f.get(0));
            return;
        }
        assertEquals(List.of(), failures(file));
    }

    @Test
    void unittestFailsOnlyWhereItNeedsNativeHistograms() {
        List<String> f = failures("unittest.yml");
        assertEquals(List.of("input series \"test_histogram\": native histogram values are not supported by Pharos"),
                f, "the first test group loads histograms; every other group passes");
    }

    @Test
    void failingFixtureReadsAsPromtool() {
        assertEquals(RuleUnitTestsTest.messages("""
                    name: Failing test,
                    alertname: Test, time: 0s,\s
                        exp:[
                            0:
                              Labels:{alertname="Test"}
                              Annotations:{}
                            ],\s
                        got:[]""", """
                    expr: "test", time: 0s,
                        exp: {__name__="test"} 1E+00
                        got: {__name__="test"} 0E+00""", """
                    name: Failing alert test,
                    alertname: InstanceDown, time: 5m,\s
                        exp:[],\s
                        got:[
                            0:
                              Labels:{alertname="InstanceDown", job="test", severity="page"}
                              Annotations:{description=" of job test has been down for more than 5 minutes.", summary="Instance  down"}
                            ]""", """
                    name: Failing alert test,
                    alertname: AlwaysFiring, time: 5m,\s
                        exp:[],\s
                        got:[
                            0:
                              Labels:{alertname="AlwaysFiring"}
                              Annotations:{}
                            ]"""), failures("failing.yml"));
    }

    @Test
    void badFixturesFailAsPromtool() {
        // The engine lists the duplicate series in another order than Prometheus: compare up to the list.
        String joinError = "found duplicate series for the match group {a=\"1\"} on the right hand-side of the "
                + "operation: [{__name__=\"join_2\", a=\"1\", b=\"";
        List<String> promql = failures("bad-promql.yml");
        assertEquals(1, promql.size(), promql.toString());
        assertTrue(promql.get(0).startsWith("    expr: \"join_1 + on(a) join_2\", time: 0s, err: " + joinError),
                promql.get(0));
        List<String> rule = failures("bad-rules-error-test.yml");
        assertEquals(1, rule.size(), rule.toString());
        assertTrue(rule.get(0).startsWith("    rule: joined, time: 0s, err: " + joinError), rule.get(0));
        assertEquals(List.of("bad-rules-syntax.yml: 7:15: group \"bad-syntax\", rule 1, \"x\": could not parse "
                + "expression: 1:7: parse error: unexpected end of input"), failures("bad-rules-syntax-test.yml"));
        List<String> series = failures("bad-input-series.yml");
        assertEquals(1, series.size());
        assertTrue(series.get(0).startsWith("error parsing input series"), series.get(0));
    }

    @Test
    void runFilesAndFuzzyCompare() {
        List<String> wrong = RuleUnitTestsTest.messages("""
                expr: "test", time: 0s,
                    exp: {__name__="test"} 1E+00
                    got: {__name__="test"} 0E+00""");
        assertEquals(wrong, failures("rules_run.yml"), "'correct test' passes, 'wrong test' fails");
        List<String> fuzzy = failures("rules_run_fuzzy.yml");
        assertEquals(2, fuzzy.size(), "only the 'wrong fuzzy match' group fails: " + fuzzy);
        assertTrue(fuzzy.get(0).contains("got: {__name__=\"test_low\"} 2.9999999999999987E+00"), fuzzy.get(0));
        assertEquals(2, failures("rules_run_no_fuzzy.yml").size());
    }

    @Test
    void checkRulesOverTheFixtures() {
        Path dir = Corpora.resolve("promtool");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        RuleChecker checker = new RuleChecker(new Fixture().engine);
        boolean ok = checker.check(List.of(dir.resolve("rules.yml"), dir.resolve("bad-rules-syntax.yml")), ps, ps);
        assertEquals(false, ok);
        assertEquals("Checking " + dir.resolve("rules.yml") + "\n  SUCCESS: 5 rules found\n\n"
                + "Checking " + dir.resolve("bad-rules-syntax.yml") + "\n  FAILED:\n" + dir.resolve("bad-rules-syntax.yml")
                + ": 7:15: group \"bad-syntax\", rule 1, \"x\": could not parse expression: 1:7: parse error: "
                + "unexpected end of input\n", buf.toString(StandardCharsets.UTF_8));
    }
}
