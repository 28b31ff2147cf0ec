package io.pharos.promql.functions.label.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.MatchType;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.PromQLFunctionException;
import io.pharos.spi.promql.ValueType;
import io.pharos.testkit.promql.FunctionTester;
import io.pharos.testkit.promql.Notation;
import io.pharos.testkit.promql.Result;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Expected values are Prometheus' own, from the promqltest corpus (file:line given per case). */
class LabelFunctionsTest {
    // functions.test:461-463
    private static final String TESTMETRIC = """
            testmetric{src="source-value-10",dst="original-destination-value"} 0
            testmetric{src="source-value-20",dst="original-destination-value"} 1
            """;

    private static Result replace(String input, String dst, String repl, String src, String regex) {
        return FunctionTester.call(new LabelReplaceFunction()).vector(v -> v.samples(input))
                .string(dst).string(repl).string(src).string(regex).run();
    }

    private static Result join(String input, String... args) {
        FunctionTester t = FunctionTester.call(new LabelJoinFunction()).vector(v -> v.samples(input));
        for (String a : args) {
            t.string(a);
        }
        return t.run();
    }

    @Test
    void signatures() {
        assertEquals(List.of(ValueType.VECTOR, ValueType.STRING, ValueType.STRING, ValueType.STRING, ValueType.STRING),
                new LabelReplaceFunction().argTypes());
        assertEquals(List.of(ValueType.VECTOR, ValueType.STRING, ValueType.STRING, ValueType.STRING),
                new LabelJoinFunction().argTypes());
        assertEquals(-1, new LabelJoinFunction().variadic());
        assertEquals(List.of(ValueType.VECTOR, ValueType.STRING), new SortByLabelFunction().argTypes());
        assertEquals(-1, new SortByLabelDescFunction().variadic());
        assertTrue(new SortByLabelFunction().experimental() && new SortByLabelDescFunction().experimental());
        assertEquals(List.of(ValueType.SCALAR), new VectorFunction().argTypes());
        assertEquals(ValueType.SCALAR, new ScalarFunction().returnType());
        assertEquals(List.of(ValueType.VECTOR), new AbsentFunction().argTypes());
        Set<String> keep = Set.of("label_replace", "label_join", "sort", "sort_desc", "sort_by_label",
                "sort_by_label_desc");
        for (PromQLFunction f : List.of(new LabelReplaceFunction(), new LabelJoinFunction(), new SortFunction(),
                new SortDescFunction(), new SortByLabelFunction(), new SortByLabelDescFunction(), new VectorFunction(),
                new ScalarFunction(), new AbsentFunction())) {
            assertEquals(keep.contains(f.name()), f.keepsMetricName(), f.name());
            if (!f.name().startsWith("sort_by")) {
                assertFalse(f.experimental(), f.name());
            }
        }
    }

    @Test
    void labelReplace() {
        // functions.test:466
        replace(TESTMETRIC, "dst", "destination-value-$1", "src", "source-value-(.*)").assertSamples("""
                testmetric{src="source-value-10",dst="destination-value-10"} 0
                testmetric{src="source-value-20",dst="destination-value-20"} 1
                """);
        // functions.test:471: fully anchored, no substring match
        replace(TESTMETRIC, "dst", "destination-value-$1", "src", "value-(.*)").assertSamples(TESTMETRIC);
        // functions.test:476
        replace(TESTMETRIC, "dst", "$1-value-$2", "src", "(.*)-value-(.*)").assertSamples("""
                testmetric{src="source-value-10",dst="source-value-10"} 0
                testmetric{src="source-value-20",dst="source-value-20"} 1
                """);
        // functions.test:482: a missing source label is "", which does not match
        replace(TESTMETRIC, "dst", "value-$1", "nonexistent-src", "source-value-(.*)").assertSamples(TESTMETRIC);
        // functions.test:488: ... but "" matches (.*)
        replace(TESTMETRIC, "dst", "value-$1", "nonexistent-src", "(.*)").assertSamples("""
                testmetric{src="source-value-10",dst="value-"} 0
                testmetric{src="source-value-20",dst="value-"} 1
                """);
        // functions.test:494
        replace(TESTMETRIC, "dst", "value-$1", "src", "non-matching-regex").assertSamples(TESTMETRIC);
        // functions.test:503: an empty value removes the label
        replace(TESTMETRIC, "dst", "", "dst", ".*").assertSamples("""
                testmetric{src="source-value-10"} 0
                testmetric{src="source-value-20"} 1
                """);
    }

    @Test
    void labelReplaceFailures() {
        // functions.test:508: invalid regex
        PromQLFunctionException e = assertThrows(PromQLFunctionException.class,
                () -> replace(TESTMETRIC, "dst", "value-$1", "src", "(.*"));
        assertEquals("invalid regular expression in label_replace(): (.*", e.getMessage());
        // an invalid destination (the corpus uses "\xff", which the lexer already rejects); checked even without input
        e = assertThrows(PromQLFunctionException.class, () -> replace("", "", "", "src", "(.*)"));
        assertEquals("invalid destination label name in label_replace(): ", e.getMessage());
        // functions.test:516: two series end up with the same labels
        e = assertThrows(PromQLFunctionException.class, () -> replace(TESTMETRIC, "src", "", "", ""));
        assertEquals("vector cannot contain metrics with the same labelset", e.getMessage());
        // functions.test:2083-2087
        assertThrows(PromQLFunctionException.class, () -> replace(
                "overlap{label=\"a\", idx=\"1\"} 1\noverlap{label=\"a\", idx=\"2\"} 2", "idx", "same", "idx", ".*"));
    }

    @Test
    void labelReplaceFollowsGoExpandAndRe2() {
        String in = "m{src=\"ab\"} 1";
        // $1x names group "1x", which does not exist: it expands to nothing
        replace(in, "dst", "$1x", "src", "(a)(b)").assertSamples("m{src=\"ab\"} 1");
        replace(in, "dst", "${1}x", "src", "(a)(b)").assertSamples("m{src=\"ab\",dst=\"ax\"} 1");
        replace(in, "dst", "$second-$first", "src", "(?P<first>a)(?P<second>b)")
                .assertSamples("m{src=\"ab\",dst=\"b-a\"} 1");
        replace(in, "dst", "$$1", "src", "(a)b").assertSamples("m{src=\"ab\",dst=\"$1\"} 1");
        // . matches a newline in Prometheus 3.x
        FunctionTester.call(new LabelReplaceFunction()).vector(v -> v.sample(Notation.labels("m{src=\"a\\nb\"}"), 1))
                .string("dst").string("ok").string("src").string("a.b").run()
                .assertSamples("m{src=\"a\\nb\",dst=\"ok\"} 1");
        // a '$' in the destination is a plain character, not a reference
        replace(in, "d$1", "x", "src", "(a)b").assertSamples("m{src=\"ab\",d$1=\"x\"} 1");
        // RE2 syntax: \d and character classes
        replace("m{src=\"v42\"} 1", "n", "$1", "src", "v(\\d+)").assertSamples("m{src=\"v42\",n=\"42\"} 1");
    }

    @Test
    void labelReplaceCanUseAndSetTheMetricName() {
        // name_label_dropping.test:63-69
        String rates = "metric_total{env=\"1\"} 0.2\nanother_metric_total{env=\"1\"} 0.2";
        replace(rates, "my_name", "rate_$1", "__name__", "(.+)").assertSamples("""
                metric_total{my_name="rate_metric_total", env="1"} 0.2
                another_metric_total{my_name="rate_another_metric_total", env="1"} 0.2
                """);
        replace(rates, "__name__", "rate_$1", "__name__", "(.+)").assertSamples("""
                rate_metric_total{env="1"} 0.2
                rate_another_metric_total{env="1"} 0.2
                """);
    }

    @Test
    void labelReplaceComputesEachLabelSetOncePerQuery() {
        FunctionTester t = FunctionTester.call(new LabelReplaceFunction());
        for (int step = 0; step < 3; step++) {
            t.clearArgs().at(step * 1000L).vector(v -> v.samples(TESTMETRIC)).string("dst").string("x$1").string("src")
                    .string("source-value-(.*)").run().assertSamples("""
                            testmetric{src="source-value-10",dst="x10"} 0
                            testmetric{src="source-value-20",dst="x20"} 1
                            """);
        }
        assertEquals(1, t.memoSize());
    }

    @Test
    void labelJoin() {
        String in = """
                testmetric{src="a",src1="b",src2="c",dst="original-destination-value"} 0
                testmetric{src="d",src1="e",src2="f",dst="original-destination-value"} 1
                """;
        // functions.test:549
        join(in, "dst", "-", "src", "src1", "src2").assertSamples("""
                testmetric{src="a",src1="b",src2="c",dst="a-b-c"} 0
                testmetric{src="d",src1="e",src2="f",dst="d-e-f"} 1
                """);
        // functions.test:554
        join(in, "dst", "-", "src", "src3", "src1").assertSamples("""
                testmetric{src="a",src1="b",src2="c",dst="a--b"} 0
                testmetric{src="d",src1="e",src2="f",dst="d--e"} 1
                """);
        // functions.test:559, 564: an empty join removes the destination
        join(in, "dst", "", "emptysrc", "emptysrc1", "emptysrc2").assertSamples("""
                testmetric{src="a",src1="b",src2="c"} 0
                testmetric{src="d",src1="e",src2="f"} 1
                """);
        join(in, "dst", ", ").assertSamples("""
                testmetric{src="a",src1="b",src2="c"} 0
                testmetric{src="d",src1="e",src2="f"} 1
                """);
        // functions.test:574
        join("testmetric1{src=\"foo\",src1=\"bar\",src2=\"foobar\"} 0", "dst", ", ", "src", "src1", "src2")
                .assertSamples("testmetric1{src=\"foo\",src1=\"bar\",src2=\"foobar\",dst=\"foo, bar, foobar\"} 0");
        // functions.test:591
        PromQLFunctionException e = assertThrows(PromQLFunctionException.class,
                () -> join("dup{label=\"a\", this=\"a\"} 1\ndup{label=\"b\", this=\"a\"} 1", "label", "", "this"));
        assertEquals("vector cannot contain metrics with the same labelset", e.getMessage());
        // functions.test:2063 (one step of it)
        join("series{label=\"a\", idx=\"1\"} 2", "idx", ",", "label", "label")
                .assertSamples("series{label=\"a\", idx=\"a,a\"} 2");
        // name_label_dropping.test:77
        join("metric_total{env=\"1\"} 0.2", "__name__", "_", "__name__", "env")
                .assertSamples("metric_total_1{env=\"1\"} 0.2");
        assertThrows(PromQLFunctionException.class, () -> join(in, "", "-", "src"));
        e = assertThrows(PromQLFunctionException.class, () -> join(in, "dst", "-", ""));
        assertEquals("invalid source label name in label_join(): ", e.getMessage());
    }

    // functions.test:691-700, in load order (without the histogram series)
    private static final String REQUESTS = """
            http_requests{job="api-server", instance="0", group="production"} 100
            http_requests{job="api-server", instance="1", group="production"} 200
            http_requests{job="api-server", instance="0", group="canary"} 300
            http_requests{job="api-server", instance="1", group="canary"} 400
            http_requests{job="api-server", instance="2", group="canary"} NaN
            http_requests{job="app-server", instance="0", group="production"} 500
            http_requests{job="app-server", instance="1", group="production"} 600
            http_requests{job="app-server", instance="0", group="canary"} 700
            http_requests{job="app-server", instance="1", group="canary"} 800
            """;

    @Test
    void sortAndSortDesc() {
        // functions.test:703
        FunctionTester.call(new SortFunction()).vector(v -> v.samples(REQUESTS)).run().assertOrderedSamples("""
                http_requests{group="production", instance="0", job="api-server"} 100
                http_requests{group="production", instance="1", job="api-server"} 200
                http_requests{group="canary", instance="0", job="api-server"} 300
                http_requests{group="canary", instance="1", job="api-server"} 400
                http_requests{group="production", instance="0", job="app-server"} 500
                http_requests{group="production", instance="1", job="app-server"} 600
                http_requests{group="canary", instance="0", job="app-server"} 700
                http_requests{group="canary", instance="1", job="app-server"} 800
                http_requests{group="canary", instance="2", job="api-server"} NaN
                """);
        // functions.test:715
        FunctionTester.call(new SortDescFunction()).vector(v -> v.samples(REQUESTS)).run().assertOrderedSamples("""
                http_requests{group="canary", instance="1", job="app-server"} 800
                http_requests{group="canary", instance="0", job="app-server"} 700
                http_requests{group="production", instance="1", job="app-server"} 600
                http_requests{group="production", instance="0", job="app-server"} 500
                http_requests{group="canary", instance="1", job="api-server"} 400
                http_requests{group="canary", instance="0", job="api-server"} 300
                http_requests{group="production", instance="1", job="api-server"} 200
                http_requests{group="production", instance="0", job="api-server"} 100
                http_requests{group="canary", instance="2", job="api-server"} NaN
                """);
        FunctionTester.call(new SortFunction()).vector(v -> { }).run().assertEmpty();
    }

    @Test
    void sortByLabel() {
        String in = REQUESTS + "http_requests{job=\"api-server\", instance=\"2\", group=\"production\"} 100\n";
        // functions.test:756
        sortBy(new SortByLabelFunction(), in, "instance").assertOrderedSamples("""
                http_requests{group="canary", instance="0", job="api-server"} 300
                http_requests{group="canary", instance="0", job="app-server"} 700
                http_requests{group="production", instance="0", job="api-server"} 100
                http_requests{group="production", instance="0", job="app-server"} 500
                http_requests{group="canary", instance="1", job="api-server"} 400
                http_requests{group="canary", instance="1", job="app-server"} 800
                http_requests{group="production", instance="1", job="api-server"} 200
                http_requests{group="production", instance="1", job="app-server"} 600
                http_requests{group="canary", instance="2", job="api-server"} NaN
                http_requests{group="production", instance="2", job="api-server"} 100
                """);
        // functions.test:795
        sortBy(new SortByLabelFunction(), in, "group", "instance", "job").assertOrderedSamples("""
                http_requests{group="canary", instance="0", job="api-server"} 300
                http_requests{group="canary", instance="0", job="app-server"} 700
                http_requests{group="canary", instance="1", job="api-server"} 400
                http_requests{group="canary", instance="1", job="app-server"} 800
                http_requests{group="canary", instance="2", job="api-server"} NaN
                http_requests{group="production", instance="0", job="api-server"} 100
                http_requests{group="production", instance="0", job="app-server"} 500
                http_requests{group="production", instance="1", job="api-server"} 200
                http_requests{group="production", instance="1", job="app-server"} 600
                http_requests{group="production", instance="2", job="api-server"} 100
                """);
        // functions.test:808
        sortBy(new SortByLabelFunction(), in, "job", "instance", "group").assertOrderedSamples("""
                http_requests{group="canary", instance="0", job="api-server"} 300
                http_requests{group="production", instance="0", job="api-server"} 100
                http_requests{group="canary", instance="1", job="api-server"} 400
                http_requests{group="production", instance="1", job="api-server"} 200
                http_requests{group="canary", instance="2", job="api-server"} NaN
                http_requests{group="production", instance="2", job="api-server"} 100
                http_requests{group="canary", instance="0", job="app-server"} 700
                http_requests{group="production", instance="0", job="app-server"} 500
                http_requests{group="canary", instance="1", job="app-server"} 800
                http_requests{group="production", instance="1", job="app-server"} 600
                """);
        // functions.test:821, 834
        String desc = """
                http_requests{group="production", instance="2", job="api-server"} 100
                http_requests{group="canary", instance="2", job="api-server"} NaN
                http_requests{group="production", instance="1", job="app-server"} 600
                http_requests{group="production", instance="1", job="api-server"} 200
                http_requests{group="canary", instance="1", job="app-server"} 800
                http_requests{group="canary", instance="1", job="api-server"} 400
                http_requests{group="production", instance="0", job="app-server"} 500
                http_requests{group="production", instance="0", job="api-server"} 100
                http_requests{group="canary", instance="0", job="app-server"} 700
                http_requests{group="canary", instance="0", job="api-server"} 300
                """;
        sortBy(new SortByLabelDescFunction(), in, "instance").assertOrderedSamples(desc);
        sortBy(new SortByLabelDescFunction(), in, "instance", "group", "job").assertOrderedSamples(desc);
    }

    @Test
    void sortByLabelUsesNaturalOrder() {
        // functions.test:740-750, 860-880
        String cpus = """
                cpu_time_total{job="cpu", cpu="0"} 100
                cpu_time_total{job="cpu", cpu="1"} 100
                cpu_time_total{job="cpu", cpu="2"} 100
                cpu_time_total{job="cpu", cpu="3"} 100
                cpu_time_total{job="cpu", cpu="10"} 100
                cpu_time_total{job="cpu", cpu="11"} 100
                cpu_time_total{job="cpu", cpu="12"} 100
                cpu_time_total{job="cpu", cpu="20"} 100
                cpu_time_total{job="cpu", cpu="21"} 100
                cpu_time_total{job="cpu", cpu="100"} 100
                """;
        String shuffled = String.join("\n", reversed(cpus.strip().split("\n")));
        sortBy(new SortByLabelFunction(), shuffled, "cpu").assertOrderedSamples(cpus);
        String nodes = """
                node_uname_info{job="node_exporter", instance="4m600", release="1.2.3"} 100
                node_uname_info{job="node_exporter", instance="4m5", release="1.11.3"} 100
                node_uname_info{job="node_exporter", instance="4m1000", release="1.111.3"} 100
                """;
        sortBy(new SortByLabelFunction(), nodes, "instance").assertOrderedSamples("""
                node_uname_info{job="node_exporter", instance="4m5", release="1.11.3"} 100
                node_uname_info{job="node_exporter", instance="4m600", release="1.2.3"} 100
                node_uname_info{job="node_exporter", instance="4m1000", release="1.111.3"} 100
                """);
        sortBy(new SortByLabelFunction(), nodes, "release").assertOrderedSamples("""
                node_uname_info{job="node_exporter", instance="4m600", release="1.2.3"} 100
                node_uname_info{job="node_exporter", instance="4m5", release="1.11.3"} 100
                node_uname_info{job="node_exporter", instance="4m1000", release="1.111.3"} 100
                """);
    }

    @Test
    void naturalOrderKeepsNatsortQuirks() {
        assertTrue(NaturalOrder.less("a2", "a10"));
        assertFalse(NaturalOrder.less("a10", "a2"));
        assertTrue(NaturalOrder.less("a", "b"));
        assertTrue(NaturalOrder.less("a", "a1")); // a's runs end first
        assertFalse(NaturalOrder.less("", "a"));
        assertFalse(NaturalOrder.less("a", ""));
        assertTrue(NaturalOrder.less("a01", "a1") && NaturalOrder.less("a1", "a01"));
        assertTrue(NaturalOrder.less("99999999999999999999", "999999999999999999991")); // beyond int64: as strings
        assertTrue(NaturalOrder.compareCodePoints("\uFFFF", "\uD83D\uDE00") < 0, "Go compares UTF-8 bytes");
    }

    private static String[] reversed(String[] lines) {
        String[] out = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            out[i] = lines[lines.length - 1 - i];
        }
        return out;
    }

    private static Result sortBy(PromQLFunction f, String input, String... labels) {
        FunctionTester t = FunctionTester.call(f).vector(v -> v.samples(input));
        for (String l : labels) {
            t.string(l);
        }
        return t.run();
    }

    @Test
    void vectorAndScalar() {
        // functions.test:597-608
        FunctionTester.call(new VectorFunction()).scalar(1).run().assertSamples("{} 1");
        FunctionTester.call(new VectorFunction()).scalar(3600).run().assertSamples("{} 3600");
        // functions.test:2027-2041
        FunctionTester.call(new ScalarFunction()).vector(v -> v.samples("metric{type=\"float\", l=\"x\"} 1\n"
                + "metric{type=\"float\", l=\"y\"} 2")).run().assertScalar(Double.NaN);
        FunctionTester.call(new ScalarFunction()).vector(v -> { }).run().assertScalar(Double.NaN);
        FunctionTester.call(new ScalarFunction()).vector(v -> v.samples("metric{type=\"float\", l=\"x\"} 1")).run()
                .assertScalar(1);
    }

    private static LabelMatcher m(String name, MatchType type, String value) {
        return LabelMatcher.of(name, type, value);
    }

    @Test
    void absent() {
        // functions.test:1760-1773
        absent(m("__name__", MatchType.EQUAL, "nonexistent")).assertSamples("{} 1");
        absent(m("__name__", MatchType.EQUAL, "nonexistent"), m("job", MatchType.EQUAL, "testjob"),
                m("instance", MatchType.EQUAL, "testinstance"), m("method", MatchType.REGEX, ".x"))
                .assertSamples("{instance=\"testinstance\", job=\"testjob\"} 1");
        absent(m("__name__", MatchType.EQUAL, "nonexistent"), m("job", MatchType.EQUAL, "testjob"),
                m("job", MatchType.EQUAL, "testjob2"), m("foo", MatchType.EQUAL, "bar")).assertSamples("{foo=\"bar\"} 1");
        absent(m("__name__", MatchType.EQUAL, "nonexistent"), m("job", MatchType.EQUAL, "testjob"),
                m("job", MatchType.EQUAL, "testjob2"), m("job", MatchType.EQUAL, "three"), m("foo", MatchType.EQUAL, "bar"))
                .assertSamples("{foo=\"bar\"} 1");
        absent(m("__name__", MatchType.EQUAL, "nonexistent"), m("job", MatchType.EQUAL, "testjob"),
                m("job", MatchType.REGEX, "testjob2"), m("foo", MatchType.EQUAL, "bar")).assertSamples("{foo=\"bar\"} 1");
        // functions.test:1784-1797: something there, nothing out; not a selector, empty labels
        FunctionTester.call(new AbsentFunction()).vector(v -> v.selector(m("__name__", MatchType.EQUAL, "x"))
                .sample("x", 1)).run().assertEmpty();
        FunctionTester.call(new AbsentFunction()).vector(v -> { }).run().assertSamples("{} 1");
    }

    private static Result absent(LabelMatcher... matchers) {
        return FunctionTester.call(new AbsentFunction()).vector(v -> v.selector(matchers)).run();
    }
}
