package io.pharos.exposition;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.exposition.ExpositionParser.Entry;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenMetricsParserTest {

    record Sample(int line, Labels labels, double value, Long timestamp) {
    }

    static OpenMetricsParser parser(String body) {
        byte[] b = body.getBytes(UTF_8);
        return new OpenMetricsParser(b, 0, b.length);
    }

    static List<Sample> samples(String body) throws ExpositionException {
        OpenMetricsParser p = parser(body);
        Labels.Builder b = Labels.builder();
        List<Sample> out = new ArrayList<>();
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                p.labels(b);
                out.add(new Sample(p.line(), b.build(), p.value(), p.hasTimestamp() ? p.timestamp() : null));
            }
        }
        return out;
    }

    static void assertError(String body, int line, String message) {
        ExpositionException e = assertThrows(ExpositionException.class, () -> samples(body), body);
        assertEquals(message, e.getMessage());
        assertEquals(line, e.line());
    }

    @Test
    void everyTypeWithHelpAndUnit() throws ExpositionException {
        OpenMetricsParser p = parser("""
                # TYPE a counter
                # TYPE b gauge
                # TYPE c histogram
                # TYPE d gaugehistogram
                # TYPE e summary
                # TYPE f info
                # TYPE g stateset
                # TYPE h unknown
                # HELP a Some \\"quoted\\" text\\\\with\\nlines.
                # HELP b\s
                # UNIT request_seconds seconds
                # UNIT c\s
                # EOF
                """);
        MetricType[] types = {MetricType.COUNTER, MetricType.GAUGE, MetricType.HISTOGRAM,
            MetricType.GAUGE_HISTOGRAM, MetricType.SUMMARY, MetricType.INFO, MetricType.STATESET,
            MetricType.UNKNOWN};
        for (int i = 0; i < types.length; i++) {
            assertEquals(Entry.TYPE, p.next());
            assertEquals(String.valueOf((char) ('a' + i)), p.familyName());
            assertEquals(types[i], p.type());
        }
        assertEquals(Entry.HELP, p.next());
        assertEquals("Some \"quoted\" text\\with\nlines.", p.help());
        assertEquals(Entry.HELP, p.next());
        assertEquals("", p.help());
        assertEquals(Entry.UNIT, p.next());
        assertEquals("request_seconds", p.familyName());
        assertEquals("seconds", p.unit());
        assertEquals(Entry.UNIT, p.next());
        assertEquals("", p.unit());
        assertEquals(Entry.EOF, p.next());
        assertEquals(13, p.line());
        assertEquals(Entry.EOF, p.next(), "EOF stays EOF");
    }

    @Test
    void samplesOfEveryKindAreOrdinarySeries() throws ExpositionException {
        List<Sample> s = samples("""
                # TYPE rpc counter
                rpc_total{service="a"} 22.0
                rpc_created{service="a"} 1.726839813016893e+09
                # TYPE lat histogram
                lat_bucket{le="0.1"} 1
                lat_bucket{le="+Inf"} 2
                lat_count 2
                lat_sum 0.3
                # TYPE q gaugehistogram
                q_gcount 3
                q_gsum 4
                # TYPE build info
                build_info{version="1.2",} 1
                # TYPE state stateset
                state{state="on"} 1
                state{state="off"} 0
                # TYPE x unknown
                x NaN
                y +Inf
                z -Inf
                # EOF""");
        assertEquals(14, s.size());
        assertEquals(Labels.of("__name__", "rpc_total", "service", "a"), s.get(0).labels());
        assertEquals(1.726839813016893e+09, s.get(1).value());
        assertEquals("rpc_created", s.get(1).labels().metricName(), "_created is ingested as a series");
        assertEquals(Labels.of("__name__", "build_info", "version", "1.2"), s.get(8).labels());
        assertTrue(Double.isNaN(s.get(11).value()));
        assertEquals(Double.POSITIVE_INFINITY, s.get(12).value());
        assertEquals(Double.NEGATIVE_INFINITY, s.get(13).value());
        assertEquals(20, s.get(13).line());
    }

    @Test
    void timestampsAreSecondsTruncatedToMilliseconds() throws ExpositionException {
        List<Sample> s = samples("""
                a 1 1700215884.373
                a 1 0.000
                a 1 -1.5
                a 1 1520879607.789
                a 1 1e3
                # EOF
                """);
        assertEquals((long) (1700215884.373 * 1000), s.get(0).timestamp());
        assertEquals(0L, s.get(1).timestamp());
        assertEquals(-1500L, s.get(2).timestamp());
        assertEquals(1520879607789L, s.get(3).timestamp());
        assertEquals(1_000_000L, s.get(4).timestamp());
    }

    @Test
    void exemplarsAreParsedAndOffered() throws ExpositionException {
        OpenMetricsParser p = parser("""
                a_bucket{le="1"} 3 # {trace_id="abc",span="x\\"y"} 0.5 1520879607.789
                a_bucket{le="2"} 4 123.5 # {} 1.5
                a_bucket{le="+Inf"} 5
                # EOF
                """);
        Labels.Builder b = Labels.builder();
        assertEquals(Entry.SERIES, p.next());
        assertTrue(p.hasExemplar());
        assertFalse(p.hasTimestamp());
        assertEquals(3, p.value());
        assertEquals(0.5, p.exemplarValue());
        assertTrue(p.hasExemplarTimestamp());
        assertEquals(1520879607789L, p.exemplarTimestamp());
        p.exemplarLabels(b);
        assertEquals(Labels.of("trace_id", "abc", "span", "x\"y"), b.build());
        p.labels(b);
        assertEquals(Labels.of("__name__", "a_bucket", "le", "1"), b.build());
        assertEquals("a_bucket{le=\"1\"}", new String(p.buf, p.seriesOffset(), p.seriesLength(), UTF_8));

        assertEquals(Entry.SERIES, p.next());
        assertTrue(p.hasExemplar());
        assertEquals(123_500L, p.timestamp());
        assertEquals(1.5, p.exemplarValue());
        assertFalse(p.hasExemplarTimestamp());
        p.exemplarLabels(b);
        assertEquals(Labels.EMPTY, b.build());

        assertEquals(Entry.SERIES, p.next());
        assertFalse(p.hasExemplar());
        assertThrows(IllegalStateException.class, p::exemplarValue);
        assertEquals(Entry.EOF, p.next());
    }

    @Test
    void quotedUtf8NamesAsPrometheus3() throws ExpositionException {
        OpenMetricsParser p = parser("""
                # TYPE "my.metric" gauge
                # HELP "my.metric" Dotted.
                {"my.metric","label.name"="v",le="1"} 2
                m{"ü"="x"} 3
                # EOF
                """);
        assertEquals(Entry.TYPE, p.next());
        assertEquals("my.metric", p.familyName());
        assertEquals(Entry.HELP, p.next());
        assertEquals("my.metric", p.familyName());
        assertEquals(Entry.SERIES, p.next());
        Labels.Builder b = Labels.builder();
        p.labels(b);
        assertEquals(Labels.of("__name__", "my.metric", "label.name", "v", "le", "1"), b.build());
        assertEquals("my.metric", p.metricName());
        assertEquals(2, p.labelCount());
        assertEquals("{\"my.metric\",\"label.name\"=\"v\",le=\"1\"}",
                new String(p.buf, p.seriesOffset(), p.seriesLength(), UTF_8), "the series key starts at the brace");
        assertEquals(Entry.SERIES, p.next());
        p.labels(b);
        assertEquals(Labels.of("__name__", "m", "ü", "x"), b.build());
    }

    @Test
    void escapesInLabelValues() throws ExpositionException {
        assertEquals(Labels.of("__name__", "m", "a", "x\\y\n\"z\\t"),
                samples("m{a=\"x\\\\y\\n\\\"z\\t\"} 1\n# EOF\n").get(0).labels());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a 1\n", "", "# HELP a x\n", "a 1\n# EOF junk\n"})
    void missingEofIsAnError(String body) {
        ExpositionException e = assertThrows(ExpositionException.class, () -> samples(body));
        assertTrue(e.getMessage().endsWith("data does not end with \"# EOF\"")
                || e.getMessage().contains("expected \"# HELP\""), e.getMessage());
    }

    @Test
    void eofRules() throws ExpositionException {
        assertError("a 1\n", 2, "line 2: data does not end with \"# EOF\"");
        assertError("", 1, "line 1: data does not end with \"# EOF\"");
        assertError("# EOF\na 1\n", 2, "line 2: unexpected data after \"# EOF\"");
        assertError("# EOF\n\n", 2, "line 2: unexpected data after \"# EOF\"");
        assertEquals(1, samples("a 1\n# EOF").size(), "no newline after # EOF is fine");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "a  1|1|line 1: expected \" \" and a value after metric, got \" \"",
        "a\t1|1|line 1: invalid metric name \"a\\t1\"",
        "a|1|line 1: expected value after metric, got end of line",
        "'a 1 '|1|line 1: invalid timestamp \"\"",
        "a x|1|line 1: invalid value \"x\"",
        "a 0x1p3|1|line 1: invalid value \"0x1p3\"",
        "a 1e999|1|line 1: value out of range \"1e999\"",
        "a 1 NaN|1|line 1: invalid timestamp \"NaN\"",
        "a 1 +Inf|1|line 1: invalid timestamp \"+Inf\"",
        "a 1 2 3|1|line 1: expected end of line or exemplar after timestamp, got \" \"",
        "a{b=\"c\" } 1|1|line 1: expected \",\" or \"}\" after label value, got \" \"",
        "a{ b=\"c\"} 1|1|line 1: expected label name, got \" \"",
        "a{b=c} 1|1|line 1: expected label value, got \"c\"",
        "a{b=\"c} 1|1|line 1: unterminated label value of label \"b\"",
        "a{b} 1|1|line 1: expected \"=\" after label name \"b\", got \"}\"",
        "a{b=\"1\",b=\"2\"} 1|1|line 1: duplicate label name \"b\"",
        "a{__name__=\"x\"} 1|1|line 1: duplicate label name \"__name__\"",
        "{b=\"1\"} 1|1|line 1: expected a quoted metric name in braces, got none",
        "a{\"b\"} 1|1|line 1: metric name already set, got \"\\\"b\\\"\"",
        "-a 1|1|line 1: expected metric name, got \"-a\"",
        "a 1 # {x=\"y\"}|1|line 1: expected value after exemplar labels, got end of line",
        "a 1 # {x=\"y\"} z|1|line 1: invalid exemplar value \"z\"",
        "a 1 # {x=\"y\"} 1 NaN|1|line 1: invalid exemplar timestamp \"NaN\"",
        "a 1 # {x=\"y\"} 1 2 3|1|line 1: expected end of line after exemplar timestamp, got \" \"",
        "a 1 # {\"x\"} 1|1|line 1: expected \"=\" after label name \"x\", got \"}\"",
        "a 1 # x|1|line 1: invalid timestamp \"#\"",
        "# comment|1|line 1: expected \"# HELP\", \"# TYPE\", \"# UNIT\" or \"# EOF\", got \"# comment\"",
        "#HELP a x|1|line 1: expected \"# HELP\", \"# TYPE\", \"# UNIT\" or \"# EOF\", got \"#HELP a x\"",
        "# TYPE a|1|line 1: expected \" \" and a type after TYPE \"a\", got end of line",
        "# TYPE a untyped|1|line 1: invalid metric type \"untyped\"",
        "# TYPE a Counter|1|line 1: invalid metric type \"Counter\"",
        "# HELP a|1|line 1: expected \" \" and text after HELP \"a\", got end of line",
        "'# HELP '|1|line 1: expected metric name after HELP, got end of line",
        "# UNIT a_seconds bytes|1|line 1: unit \"bytes\" not a suffix of metric \"a_seconds\"",
        "# UNIT seconds seconds|1|line 1: unit \"seconds\" not a suffix of metric \"seconds\"",
        "# UNIT aseconds seconds|1|line 1: unit \"seconds\" not a suffix of metric \"aseconds\"",
        "# TYPE \"a counter|1|line 1: unterminated quoted metric name in TYPE",
    })
    void malformedLines(String line, int at, String message) {
        assertError(line + "\n# EOF\n", at, message);
    }

    @Test
    void errorsNameTheLine() {
        assertError("# TYPE a counter\na_total 1\n\na_total 2\n# EOF\n", 3, "line 3: unexpected empty line");
        assertError("a 1\r\n# EOF\n", 1, "line 1: invalid value \"1\\r\"");
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] body = "m{a=\"\u00ff\"} 1\n# EOF\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        OpenMetricsParser p = new OpenMetricsParser(body, 0, body.length);
        ExpositionException e = assertThrows(ExpositionException.class, p::next);
        assertEquals("line 1: value of label \"a\" is not valid UTF-8", e.getMessage());
    }

    @Test
    void resetForgetsEofAndReusesTheParser() throws ExpositionException {
        OpenMetricsParser p = parser("a 1\n# EOF\n");
        assertEquals(Entry.SERIES, p.next());
        assertEquals(Entry.EOF, p.next());
        byte[] other = "b 2\n# EOF\n".getBytes(UTF_8);
        p.reset(other, 0, other.length);
        assertEquals(Entry.SERIES, p.next());
        assertEquals("b", p.metricName());
        assertEquals(Entry.EOF, p.next());
    }

    @Test
    void accessorsOfAnotherKindFail() throws ExpositionException {
        OpenMetricsParser p = parser("# UNIT a_bytes bytes\na_bytes 1\n# EOF\n");
        assertEquals(Entry.UNIT, p.next());
        IllegalStateException e = assertThrows(IllegalStateException.class, p::value);
        assertEquals("current entry is UNIT, not SERIES", e.getMessage());
        assertEquals(Entry.SERIES, p.next());
        e = assertThrows(IllegalStateException.class, p::familyName);
        assertEquals("current entry is SERIES, not HELP, TYPE or UNIT", e.getMessage());
    }
}
