package io.pharos.exposition;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.exposition.ExpositionParser.Entry;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextParserTest {

    /** One parsed series, for comparing whole bodies. */
    record Sample(int line, Labels labels, double value, Long timestamp) {
    }

    static TextParser parser(String body) {
        byte[] b = body.getBytes(UTF_8);
        return new TextParser(b, 0, b.length);
    }

    static List<Sample> samples(String body) throws ExpositionException {
        TextParser p = parser(body);
        Labels.Builder b = Labels.builder();
        List<Sample> out = new ArrayList<>();
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                p.labels(b);
                out.add(new Sample(p.line(), b.build(), p.value(),
                        p.hasTimestamp() ? p.timestamp() : null));
            }
        }
        return out;
    }

    static Sample only(String body) throws ExpositionException {
        List<Sample> s = samples(body);
        assertEquals(1, s.size(), () -> "samples of " + body);
        return s.get(0);
    }

    static double value(String v) throws ExpositionException {
        return only("m " + v + "\n").value();
    }

    static ExpositionException failure(String body) {
        return assertThrows(ExpositionException.class, () -> samples(body), body);
    }

    static void assertError(String body, int line, String message) {
        ExpositionException e = failure(body);
        assertEquals(line, e.line());
        assertEquals(message, e.getMessage());
    }

    // ---- happy paths

    @Test
    void helpTypeAndComments() throws ExpositionException {
        TextParser p = parser("""
                # HELP http_requests_total The total number of HTTP requests.
                # TYPE http_requests_total counter
                # a plain comment
                #HELP not_meta because no blank after the hash
                http_requests_total{method="post",code="200"} 1027 1395066363000
                """);
        assertEquals(Entry.HELP, p.next());
        assertEquals(1, p.line());
        assertEquals("http_requests_total", p.familyName());
        assertEquals("The total number of HTTP requests.", p.help());
        assertEquals(Entry.TYPE, p.next());
        assertEquals(2, p.line());
        assertEquals("http_requests_total", p.familyName());
        assertEquals(MetricType.COUNTER, p.type());
        assertEquals(Entry.COMMENT, p.next());
        assertEquals("a plain comment", p.comment());
        assertEquals(Entry.COMMENT, p.next());
        assertEquals("HELP not_meta because no blank after the hash", p.comment());
        assertEquals(Entry.SERIES, p.next());
        assertEquals(5, p.line());
        assertEquals("http_requests_total", p.metricName());
        assertEquals(2, p.labelCount());
        assertEquals(1027.0, p.value());
        assertTrue(p.hasTimestamp());
        assertEquals(1395066363000L, p.timestamp());
        Labels.Builder b = Labels.builder();
        p.labels(b);
        assertEquals(Labels.of("__name__", "http_requests_total", "method", "post", "code", "200"),
                b.build());
        assertEquals(Entry.EOF, p.next());
        assertEquals(Entry.EOF, p.next());
    }

    @Test
    void helpUnescapesBackslashAndNewlineOnly() throws ExpositionException {
        TextParser p = parser("# HELP m a\\\\b\\nc \\\"q\\\" \\t  two  \n# HELP e\n# HELP f \n");
        assertEquals(Entry.HELP, p.next());
        assertEquals("a\\b\nc \\\"q\\\" \\t  two  ", p.help());
        assertEquals(Entry.HELP, p.next());
        assertEquals("e", p.familyName());
        assertEquals("", p.help());
        assertEquals(Entry.HELP, p.next());
        assertEquals("", p.help());
    }

    @ParameterizedTest
    @CsvSource({"counter,COUNTER", "gauge,GAUGE", "histogram,HISTOGRAM", "summary,SUMMARY",
        "untyped,UNKNOWN"})
    void types(String text, MetricType type) throws ExpositionException {
        TextParser p = parser("#\tTYPE\tname:with:colons  " + text + " \t\n");
        assertEquals(Entry.TYPE, p.next());
        assertEquals("name:with:colons", p.familyName());
        assertEquals(type, p.type());
    }

    @Test
    void hashKeywordsWithoutArgumentsAreComments() throws ExpositionException {
        TextParser p = parser("#\n# HELP\n#  TYPE\n# HELPER foo\n# EOF\n");
        for (int i = 0; i < 5; i++) {
            assertEquals(Entry.COMMENT, p.next());
        }
        assertEquals(Entry.EOF, p.next());
    }

    @Test
    void labelValuesAreUnescaped() throws ExpositionException {
        Sample s = only("m{a=\"x\\\\y\",b=\"q\\\"r\",c=\"l1\\nl2\",d=\"\\t\",e=\"\\\\n\",f=\"{},=\"} 1\n");
        assertEquals("x\\y", s.labels().get("a"));
        assertEquals("q\"r", s.labels().get("b"));
        assertEquals("l1\nl2", s.labels().get("c"));
        assertEquals("\\t", s.labels().get("d"), "unknown escapes stay as written");
        assertEquals("\\n", s.labels().get("e"));
        assertEquals("{},=", s.labels().get("f"));
    }

    @Test
    void utf8LabelValues() throws ExpositionException {
        Sample s = only("m{city=\"Zürich\",jp=\"日本\",emoji=\"😀\"} 1\n");
        assertEquals("Zürich", s.labels().get("city"));
        assertEquals("日本", s.labels().get("jp"));
        assertEquals("😀", s.labels().get("emoji"));
    }

    @Test
    void emptyLabelValueMeansAbsent() throws ExpositionException {
        assertEquals(Labels.of("__name__", "m", "b", "1"), only("m{a=\"\",b=\"1\"} 2").labels());
    }

    @Test
    void metricAndLabelNames() throws ExpositionException {
        Sample s = only(":_Ab9:c{_l=\"1\",L_9=\"2\",__meta_x=\"3\"} 4\n");
        assertEquals(Labels.of("__name__", ":_Ab9:c", "_l", "1", "L_9", "2", "__meta_x", "3"),
                s.labels());
    }

    @Test
    void timestamps() throws ExpositionException {
        assertEquals(null, only("m 1").timestamp());
        assertEquals(-1500L, only("m 1 -1500").timestamp());
        assertEquals(0L, only("m 1 0").timestamp());
        assertEquals(7L, only("m 1 +7").timestamp());
        assertEquals(Long.MAX_VALUE, only("m 1 9223372036854775807").timestamp());
        assertEquals(Long.MIN_VALUE, only("m 1 -9223372036854775808").timestamp());
    }

    @Test
    void specialValues() throws ExpositionException {
        for (String inf : List.of("+Inf", "Inf", "inf", "+inf", "INF", "Infinity", "+infinity",
                "iNfInItY")) {
            assertEquals(Double.POSITIVE_INFINITY, value(inf), inf);
        }
        for (String inf : List.of("-Inf", "-inf", "-Infinity", "-INFINITY")) {
            assertEquals(Double.NEGATIVE_INFINITY, value(inf), inf);
        }
        for (String nan : List.of("NaN", "nan", "NAN", "nAn")) {
            assertTrue(Double.isNaN(value(nan)), nan);
        }
    }

    @Test
    void decimalValues() throws ExpositionException {
        assertEquals(1027.0, value("1027"));
        assertEquals(-3.5, value("-3.5"));
        assertEquals(7.0, value("+7"));
        assertEquals(0.5, value(".5"));
        assertEquals(5.0, value("5."));
        assertEquals(1e3, value("1e3"));
        assertEquals(1e-3, value("1E-3"));
        assertEquals(1.5e10, value("1.5e+10"));
        assertEquals(7.6238e-05, value("7.6238e-05"));
        assertEquals(4.4046288803e+10, value("4.4046288803e+10"));
        assertEquals(8.999999999999998, value("8.999999999999998"));
        assertEquals(0.30000000000000004, value("0.30000000000000004"));
        assertEquals(Double.MAX_VALUE, value("1.7976931348623157e308"));
        assertEquals(Double.MIN_VALUE, value("5e-324"));
        assertEquals(Double.MIN_VALUE, value("4.9406564584124654e-324"));
        assertEquals(0.0, value("1e-400"), "underflow is zero, as in Go");
        assertEquals(1e23, value("100000000000000000000000"));
        assertEquals(1234e25, value("1234e25"));
        assertEquals(123456789012345678901234567890.0, value("123456789012345678901234567890"));
        assertEquals(0.0, value("0e99999"));
        assertEquals(12.0, value("0012.000"));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(value("-0")));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(value("0.0")));
    }

    @Test
    void fastPathAgreesWithParseDouble() throws ExpositionException {
        java.util.Random r = new java.util.Random(11);
        StringBuilder body = new StringBuilder();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String t = switch (i % 4) {
                case 0 -> Double.toString(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20));
                case 1 -> Long.toString(r.nextLong() >> r.nextInt(64));
                case 2 -> (r.nextInt(2_000_000) - 1_000_000) + "e" + (r.nextInt(80) - 40);
                default -> String.format(java.util.Locale.ROOT, "%." + r.nextInt(18) + "f",
                        r.nextDouble() * 1e6);
            };
            texts.add(t);
            body.append("m ").append(t).append('\n');
        }
        List<Sample> got = samples(body.toString());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(texts.get(i))),
                    Double.doubleToRawLongBits(got.get(i).value()), texts.get(i));
        }
    }

    @Test
    void whitespaceVariants() throws ExpositionException {
        Labels want = Labels.of("__name__", "m", "a", "b", "c", "d");
        for (String line : List.of(
                "m{a=\"b\",c=\"d\"} 1 2",
                "  m { a = \"b\" , c = \"d\" , } \t 1 \t 2 \t",
                "\tm{a=\"b\",c=\"d\",}1 2",
                "m{ a=\"b\" c=\"d\" } 1   2",
                "m{a=\"b\"c=\"d\"}\t1\t2")) {
            Sample s = only(line);
            assertEquals(want, s.labels(), line);
            assertEquals(1.0, s.value(), line);
            assertEquals(2L, s.timestamp(), line);
        }
        assertEquals(Labels.of("__name__", "m"), only("m{} 3").labels());
        assertEquals(Labels.of("__name__", "m"), only("m { } 3").labels());
    }

    @Test
    void crlfAndMissingFinalNewline() throws ExpositionException {
        List<Sample> s = samples("# TYPE a gauge\r\na{x=\"1\"} 1\r\n\r\nb 2 5\r\nc 3");
        assertEquals(3, s.size());
        assertEquals(new Sample(2, Labels.of("__name__", "a", "x", "1"), 1, null), s.get(0));
        assertEquals(new Sample(4, Labels.of("__name__", "b"), 2, 5L), s.get(1));
        assertEquals(new Sample(5, Labels.of("__name__", "c"), 3, null), s.get(2));
        TextParser p = parser("# HELP a text\r\n# TYPE a counter\r\n# note\r");
        p.next();
        assertEquals("text", p.help());
        p.next();
        assertEquals(MetricType.COUNTER, p.type());
        p.next();
        assertEquals("note", p.comment());
        assertEquals(Entry.EOF, p.next());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "   ", " \t \n\n\t\n", "\r\n\r\n", "\n\n\n   "})
    void blankBodiesAreEmpty(String body) throws ExpositionException {
        TextParser p = parser(body);
        assertEquals(Entry.EOF, p.next());
    }

    @Test
    void lineNumbersCountBlankLines() throws ExpositionException {
        List<Sample> s = samples("\n\na 1\n\n   \n# c\nb 2\n");
        assertEquals(3, s.get(0).line());
        assertEquals(7, s.get(1).line());
    }

    @Test
    void seriesBytesAreTheRawInput() throws ExpositionException {
        byte[] body = "xx\nm{a=\"b\" , c=\"\\\"\"} 1\nn 2\nxx".getBytes(UTF_8);
        // Parse a region that leaves out the first and last line.
        TextParser p = new TextParser(body, 3, body.length - 6);
        assertEquals(Entry.SERIES, p.next());
        assertEquals(1, p.line());
        assertEquals("m{a=\"b\" , c=\"\\\"\"}", region(body, p.seriesOffset(), p.seriesLength()));
        assertEquals("m", region(body, p.metricNameOffset(), p.metricNameLength()));
        assertEquals(Entry.SERIES, p.next());
        assertEquals("n", region(body, p.seriesOffset(), p.seriesLength()));
        assertEquals(Entry.EOF, p.next());
    }

    private static String region(byte[] b, int off, int len) {
        return new String(b, off, len, UTF_8);
    }

    @Test
    void resetReusesTheParser() throws ExpositionException {
        TextParser p = parser("a{x=\"1\",y=\"2\",z=\"3\"} 1\n");
        assertEquals(Entry.SERIES, p.next());
        byte[] next = "b 2\n".getBytes(UTF_8);
        p.reset(next, 0, next.length);
        assertEquals(Entry.SERIES, p.next());
        assertEquals(1, p.line());
        assertEquals(0, p.labelCount());
        Labels.Builder b = Labels.builder().set("stale", "label");
        p.labels(b);
        assertEquals(Labels.of("__name__", "b"), b.build(), "labels() resets the builder");
        assertEquals(Entry.EOF, p.next());
    }

    @Test
    void manyLabelsGrowTheOffsets() throws ExpositionException {
        StringBuilder line = new StringBuilder("m{");
        Labels.Builder want = Labels.builder().set("__name__", "m");
        for (int i = 0; i < 100; i++) {
            line.append("l").append(i).append("=\"v").append(i).append("\",");
            want.set("l" + i, "v" + i);
        }
        assertEquals(want.build(), only(line.append("} 1").toString()).labels());
    }

    @Test
    void accessorsCheckTheEntryKind() throws ExpositionException {
        TextParser p = parser("# HELP a b\nm 1\n");
        assertThrows(IllegalStateException.class, p::value, "before next()");
        p.next();
        assertThrows(IllegalStateException.class, p::value);
        assertThrows(IllegalStateException.class, p::type);
        p.next();
        assertThrows(IllegalStateException.class, p::familyName);
        assertThrows(IllegalStateException.class, p::help);
    }

    @Test
    void continuesAfterAnErrorAtTheNextLine() throws ExpositionException {
        TextParser p = parser("a 1\nb oops\nc 3\n");
        assertEquals(Entry.SERIES, p.next());
        ExpositionException e = assertThrows(ExpositionException.class, p::next);
        assertEquals(2, e.line());
        assertThrows(IllegalStateException.class, p::value, "no stale answer after a failed line");
        assertEquals(Entry.SERIES, p.next());
        assertEquals("c", p.metricName());
        assertEquals(3, p.line());
    }

    @Test
    void doesNotAllocatePerSample() throws ExpositionException {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                mx instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported(),
                "thread allocation counter not available");
        com.sun.management.ThreadMXBean tmx = (com.sun.management.ThreadMXBean) mx;
        StringBuilder body = new StringBuilder("# HELP m help\n# TYPE m gauge\n");
        for (int i = 0; i < 10_000; i++) {
            body.append("m{instance=\"host-").append(i).append(":9100\",job=\"node\",le=\"0.25\"} ")
                    .append(i * 0.5).append(' ').append(1_700_000_000_000L + i).append('\n');
        }
        byte[] b = body.toString().getBytes(UTF_8);
        TextParser p = new TextParser(b, 0, b.length);
        double sum = 0;
        for (int round = 0; round < 3; round++) { // warm up, and size the label offsets
            p.reset(b, 0, b.length);
            for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
                if (e == Entry.SERIES) {
                    sum += p.value() + p.timestamp() + p.seriesLength();
                }
            }
        }
        long before = tmx.getThreadAllocatedBytes(Thread.currentThread().getId());
        p.reset(b, 0, b.length);
        int n = 0;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                sum += p.value() + p.timestamp() + p.seriesLength();
                n++;
            }
        }
        long allocated = tmx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertEquals(10_000, n);
        assertTrue(sum > 0);
        assertTrue(allocated < 4_096, "allocated " + allocated + " bytes for 10000 samples");
    }

    // ---- malformed input: each error names its line and what was wrong

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "m|1|line 1: expected value after metric, got end of line",
        "m{a=\"b\"}|1|line 1: expected value after metric, got end of line",
        "m{a=\"b\"}   \t|1|line 1: expected value after metric, got end of line",
        "m abc|1|line 1: invalid value \"abc\"",
        "m 1.5abc|1|line 1: invalid value \"1.5abc\"",
        "m 0x1p3|1|line 1: invalid value \"0x1p3\"",
        "m 0x10|1|line 1: invalid value \"0x10\"",
        "m 1_000|1|line 1: invalid value \"1_000\"",
        "m +nan|1|line 1: invalid value \"+nan\"",
        "m infin|1|line 1: invalid value \"infin\"",
        "m 1e|1|line 1: invalid value \"1e\"",
        "m 1e+|1|line 1: invalid value \"1e+\"",
        "m .|1|line 1: invalid value \".\"",
        "m -|1|line 1: invalid value \"-\"",
        "m 1.2.3|1|line 1: invalid value \"1.2.3\"",
        "m 1d|1|line 1: invalid value \"1d\"",
        "m 1e400|1|line 1: value out of range \"1e400\"",
        "m -1e400|1|line 1: value out of range \"-1e400\"",
        "m{a=\"b} 1|1|line 1: unterminated label value of label \"a\"",
        "m{a=\"b\\\"} 1|1|line 1: unterminated label value of label \"a\"",
        "m{a=\"b\\|1|line 1: unterminated label value of label \"a\"",
        "m{a:\"b\"} 1|1|line 1: expected \"=\" after label name \"a\", got \":\"",
        "m{a \"b\"} 1|1|line 1: expected \"=\" after label name \"a\", got \"\\\"b\"",
        "m{a} 1|1|line 1: expected \"=\" after label name \"a\", got \"}\"",
        "m{a|1|line 1: expected \"=\" after label name \"a\", got end of line",
        "m{a=b} 1|1|line 1: expected label value, got \"b\"",
        "m{a=foo,b=\"c\"} 1|1|line 1: expected label value, got \"foo\"",
        "m{a=} 1|1|line 1: expected label value, got \"}\"",
        "m{a='b'} 1|1|line 1: expected label value, got \"'b'\"",
        "m{1a=\"b\"} 1|1|line 1: expected label name, got \"1a\"",
        "m{a.b=\"c\"} 1|1|line 1: expected \"=\" after label name \"a\", got \".b\"",
        "m{-a=\"b\"} 1|1|line 1: expected label name, got \"-a\"",
        "m{a=\"b\",,c=\"d\"} 1|1|line 1: expected label name, got \",\"",
        "m{,} 1|1|line 1: expected label name, got \",\"",
        "m{a=\"b\";c=\"d\"} 1|1|line 1: expected \",\" or \"}\" after label value, got \";c\"",
        "m{a=\"b\"|1|line 1: expected label name or \"}\", got end of line",
        "m{|1|line 1: expected label name or \"}\", got end of line",
        "m{a=\"1\",a=\"2\"} 1|1|line 1: duplicate label name \"a\"",
        "m{a=\"1\",b=\"2\",a=\"\"} 1|1|line 1: duplicate label name \"a\"",
        "m{__name__=\"n\"} 1|1|line 1: duplicate label name \"__name__\"",
        "{a=\"b\"} 1|1|line 1: expected a quoted metric name in braces, got none",
        "1m 1|1|line 1: expected metric name, got \"1m\"",
        "\"m\" 1|1|line 1: expected metric name, got \"\\\"m\"",
        "m-n 1|1|line 1: invalid metric name \"m-n\"",
        "m.n{a=\"b\"} 1|1|line 1: invalid metric name \"m.n\"",
        "m 1 2 x|1|line 1: expected end of line after timestamp, got \"x\"",
        "m 1 2 3|1|line 1: expected end of line after timestamp, got \"3\"",
        "m 1 2.5|1|line 1: invalid timestamp \"2.5\"",
        "m 1 12a|1|line 1: invalid timestamp \"12a\"",
        "m 1 -|1|line 1: invalid timestamp \"-\"",
        "m 1 9223372036854775808|1|line 1: invalid timestamp \"9223372036854775808\"",
        "m 1 -9223372036854775809|1|line 1: invalid timestamp \"-9223372036854775809\"",
        "# TYPE m bogus|1|line 1: invalid metric type \"bogus\"",
        "# TYPE m Counter|1|line 1: invalid metric type \"Counter\"",
        "# TYPE m gaugehistogram|1|line 1: invalid metric type \"gaugehistogram\"",
        "# TYPE m counter extra|1|line 1: invalid metric type \"counter extra\"",
        "# TYPE m|1|line 1: expected metric type after \"m\", got end of line",
        "# TYPE m   |1|line 1: expected metric type after \"m\", got end of line",
        "`# TYPE `|1|line 1: expected metric name after TYPE, got end of line",
        "`# HELP \t`|1|line 1: expected metric name after HELP, got end of line",
        "# HELP 1m text|1|line 1: expected metric name after HELP, got \"1m\"",
        "# TYPE m-n counter|1|line 1: invalid metric name \"m-n\" in TYPE",
        "# HELP m{a=\"b\"} text|1|line 1: invalid metric name \"m\" in HELP",
    })
    void malformedLines(String body, int line, String message) {
        assertError(body, line, message);
        assertError(body + "\n", line, message);
        assertError(body + "\r\n", line, message);
    }

    @Test
    void errorLineNumbersCountEveryLine() {
        assertError("# HELP a b\r\n# TYPE a gauge\r\n\r\na 1\r\nb\r\nc 3\r\n", 5,
                "line 5: expected value after metric, got end of line");
        assertError("a 1\n\n\n   \n\t\nb{x=y} 2\n", 6, "line 6: expected label value, got \"y\"");
        assertError("a 1\nb 2\n# TYPE c bogus\n", 3, "line 3: invalid metric type \"bogus\"");
        assertError("a 1\nb 2\nc 3\n\n\n\nd 4 5 6", 7,
                "line 7: expected end of line after timestamp, got \"6\"");
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] value = concat("m{a=\"", new byte[] {(byte) 0xc3, (byte) 0x28}, "\"} 1\n");
        ExpositionException e = assertThrows(ExpositionException.class,
                () -> new TextParser(value, 0, value.length).next());
        assertEquals("line 1: value of label \"a\" is not valid UTF-8", e.getMessage());

        byte[] help = concat("a 1\n# HELP m bad ", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                "\n");
        TextParser p = new TextParser(help, 0, help.length);
        e = assertThrows(ExpositionException.class, () -> {
            p.next();
            p.next();
        });
        assertEquals("line 2: help text of \"m\" is not valid UTF-8", e.getMessage());
    }

    @Test
    void utf8Validation() {
        assertTrue(Utf8.isValid(bytes(), 0, 0));
        assertTrue(valid("plain ascii"));
        assertTrue(valid("é日😀\u07ff\uffff\ud7ff\ue000"));
        assertFalse(Utf8.isValid(bytes(0x80), 0, 1), "lone continuation");
        assertFalse(Utf8.isValid(bytes(0xc0, 0x80), 0, 2), "overlong 2-byte");
        assertFalse(Utf8.isValid(bytes(0xe0, 0x80, 0x80), 0, 3), "overlong 3-byte");
        assertFalse(Utf8.isValid(bytes(0xf0, 0x80, 0x80, 0x80), 0, 4), "overlong 4-byte");
        assertFalse(Utf8.isValid(bytes(0xed, 0xa0, 0x80), 0, 3), "surrogate");
        assertFalse(Utf8.isValid(bytes(0xf4, 0x90, 0x80, 0x80), 0, 4), "past U+10FFFF");
        assertFalse(Utf8.isValid(bytes(0xf5, 0x80, 0x80, 0x80), 0, 4), "bad lead byte");
        assertFalse(Utf8.isValid(bytes(0xe6, 0x97), 0, 2), "truncated");
        assertFalse(Utf8.isValid(bytes(0xe6, 0x97, 0xa5), 0, 2), "truncated by the region");
        assertFalse(Utf8.isValid(bytes(0xe6, 0x41, 0xa5), 0, 3), "bad continuation");
    }

    @Test
    void longTokensAreCutInMessages() {
        String junk = "x".repeat(100);
        ExpositionException e = failure("m{a=" + junk + "} 1");
        assertEquals("line 1: expected label value, got \"" + "x".repeat(40) + "...\"",
                e.getMessage());
    }

    @Test
    void controlCharactersAreEscapedInMessages() {
        ExpositionException e = failure("m 1\u0001\n");
        assertEquals("line 1: invalid value \"1\\x01\"", e.getMessage());
    }

    @Test
    void regionBoundsAreChecked() {
        assertThrows(IndexOutOfBoundsException.class, () -> new TextParser(new byte[4], 2, 3));
    }

    @Test
    void regionEndsTheInput() throws ExpositionException {
        byte[] b = "m 12345".getBytes(UTF_8);
        TextParser p = new TextParser(b, 0, 4); // "m 12"
        assertEquals(Entry.SERIES, p.next());
        assertEquals(12.0, p.value());
        assertArrayEquals(new byte[] {'m'}, Arrays.copyOfRange(b, p.seriesOffset(),
                p.seriesOffset() + p.seriesLength()));
    }

    private static boolean valid(String s) {
        byte[] b = s.getBytes(UTF_8);
        return Utf8.isValid(b, 0, b.length);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(String a, byte[] mid, String b) {
        byte[] x = a.getBytes(UTF_8);
        byte[] z = b.getBytes(UTF_8);
        byte[] out = Arrays.copyOf(x, x.length + mid.length + z.length);
        System.arraycopy(mid, 0, out, x.length, mid.length);
        System.arraycopy(z, 0, out, x.length + mid.length, z.length);
        return out;
    }

    // ---- text format 1.0.0: quoted UTF-8 names, as Prometheus 3.x

    @Test
    void quotedMetricAndLabelNames() throws ExpositionException {
        TextParser p = parser("""
                # HELP "my.metric" Dotted help.
                # TYPE "my.metric" gauge
                {"my.metric", "label.name"="v", le="1"} 2 1000
                {"my.metric"} 3
                m{"ü"="x" "a.b"="y"} 4
                {"esc\\"aped"} 5
                """);
        assertEquals(Entry.HELP, p.next());
        assertEquals("my.metric", p.familyName());
        assertEquals("Dotted help.", p.help());
        assertEquals(Entry.TYPE, p.next());
        assertEquals("my.metric", p.familyName());
        assertEquals(MetricType.GAUGE, p.type());
        Labels.Builder b = Labels.builder();
        assertEquals(Entry.SERIES, p.next());
        p.labels(b);
        assertEquals(Labels.of("__name__", "my.metric", "label.name", "v", "le", "1"), b.build());
        assertEquals(2, p.labelCount());
        assertEquals("{\"my.metric\", \"label.name\"=\"v\", le=\"1\"}",
                new String(p.buf, p.seriesOffset(), p.seriesLength(), UTF_8));
        assertEquals(1000, p.timestamp());
        assertEquals(Entry.SERIES, p.next());
        assertEquals("my.metric", p.metricName());
        assertEquals(0, p.labelCount());
        assertEquals(Entry.SERIES, p.next());
        p.labels(b);
        assertEquals(Labels.of("__name__", "m", "ü", "x", "a.b", "y"), b.build());
        assertEquals(Entry.SERIES, p.next());
        assertEquals("esc\"aped", p.metricName());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "m{\"n\"} 1|line 1: metric name already set, got \"\\\"n\\\"\"",
        "{\"a\", \"b\"} 1|line 1: metric name already set, got \"\\\"b\\\"\"",
        "{\"a} 1|line 1: unterminated quoted label name",
        "# TYPE \"a counter|line 1: unterminated quoted metric name in TYPE",
        "{a=\"b\"} 1|line 1: expected a quoted metric name in braces, got none",
    })
    void malformedQuotedNames(String body, String message) {
        assertError(body + "\n", 1, message);
    }
}
