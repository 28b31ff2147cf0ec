package io.pharos.promql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.MatchType;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParserTest {

    private static LabelMatcher eq(String name, String value) {
        return LabelMatcher.of(name, MatchType.EQUAL, value);
    }

    private static LabelMatcher neq(String name, String value) {
        return LabelMatcher.of(name, MatchType.NOT_EQUAL, value);
    }

    private static LabelMatcher re(String name, String value) {
        return LabelMatcher.of(name, MatchType.REGEX, value);
    }

    private static LabelMatcher nre(String name, String value) {
        return LabelMatcher.of(name, MatchType.NOT_REGEX, value);
    }

    private static Arguments selector(String query, LabelMatcher... matchers) {
        return Arguments.of(query, List.of(matchers));
    }

    static Stream<Arguments> selectors() {
        return Stream.of(
                selector("foo", eq("__name__", "foo")),
                selector("foo{}", eq("__name__", "foo")),
                selector("foo{a=\"b\", c!=\"d\", e=~\"f.*\", g!~\"h\"}",
                        eq("a", "b"), neq("c", "d"), re("e", "f.*"), nre("g", "h"), eq("__name__", "foo")),
                selector("{__name__=\"foo\"}", eq("__name__", "foo")),
                selector("{a=\"b\"}", eq("a", "b")),
                selector("{\"my.metric\", \"a.b\"=\"x\"}", eq("__name__", "my.metric"), eq("a.b", "x")),
                selector("{\"a.b\"=~\"x|y\", \"my.metric\"}", re("a.b", "x|y"), eq("__name__", "my.metric")),
                selector("foo{\"a-b\"!=\"x\"}", neq("a-b", "x"), eq("__name__", "foo")),
                selector("foo{a=\"b\",}", eq("a", "b"), eq("__name__", "foo")),
                selector("{a=\"b\",c=\"d\",}", eq("a", "b"), eq("c", "d")),
                selector("foo:bar:rate5m", eq("__name__", "foo:bar:rate5m")),
                selector(":foo", eq("__name__", ":foo")),
                selector("  foo \t\r\n", eq("__name__", "foo")),
                selector("foo # a comment", eq("__name__", "foo")),
                selector("# first\nfoo{ # inside\n a = \"b\" # more\n }", eq("a", "b"), eq("__name__", "foo")),
                selector("foo{a='b'}", eq("a", "b"), eq("__name__", "foo")),
                selector("foo{a='say \"hi\"', b=\"it's\"}", eq("a", "say \"hi\""), eq("b", "it's"),
                        eq("__name__", "foo")),
                selector("foo{a=`raw\\n\\d+\n`}", eq("a", "raw\\n\\d+\n"), eq("__name__", "foo")),
                selector("foo{a=\"\\n\\t\\\\\\\"\\x41\\u00e9\\101\\U0001F600\\a\\v\"}",
                        eq("a", "\n\t\\\"A\u00e9A\uD83D\uDE00\u0007\u000B"), eq("__name__", "foo")),
                selector("foo{a='\\''}", eq("a", "'"), eq("__name__", "foo")),
                selector("foo{a=\"\\xe2\\x82\\xac\"}", eq("a", "\u20ac"), eq("__name__", "foo")),
                selector("{a=~\".+\"}", re("a", ".+")),
                selector("{a=\"\", b=\"x\"}", eq("a", ""), eq("b", "x")),
                // Keywords are label names inside braces and metric names where a selector stands.
                selector("foo{offset=\"1\", by=\"2\", sum=\"3\", bool=\"4\"}",
                        eq("offset", "1"), eq("by", "2"), eq("sum", "3"), eq("bool", "4"), eq("__name__", "foo")),
                selector("sum", eq("__name__", "sum")),
                selector("SUM{a=\"b\"}", eq("a", "b"), eq("__name__", "SUM")),
                selector("offset{step=\"1s\"}", eq("step", "1s"), eq("__name__", "offset")),
                selector("and", eq("__name__", "and")),
                selector("fill", eq("__name__", "fill")),
                selector("infinity", eq("__name__", "infinity")),
                selector("Inf_metric", eq("__name__", "Inf_metric")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("selectors")
    void parsesSelectors(String query, List<LabelMatcher> expected) {
        Expr expr = Parser.parse(query);
        VectorSelector vs = assertInstanceOf(VectorSelector.class, expr);
        assertEquals(expected, vs.matchers());
        assertEquals(ValueType.VECTOR, vs.type());
    }

    @Test
    void selectorPositionsAndName() {
        VectorSelector vs = (VectorSelector) Parser.parse("  foo{a=\"b\"} ");
        assertEquals("foo", vs.name());
        assertEquals(new PositionRange(2, 12), vs.position());
        VectorSelector bare = (VectorSelector) Parser.parse("{a=\"b\"}");
        assertEquals(null, bare.name());
        assertEquals(new PositionRange(0, 7), bare.position());
    }

    static Stream<Arguments> numbers() {
        return Stream.of(
                Arguments.of("1", 1.0),
                Arguments.of("1.5", 1.5),
                Arguments.of(".5", 0.5),
                Arguments.of("5.", 5.0),
                Arguments.of("123.4567", 123.4567),
                Arguments.of("5e-3", 0.005),
                Arguments.of("5E3", 5000.0),
                Arguments.of("0x1f", 31.0),
                Arguments.of("0XC", 12.0),
                Arguments.of("0x_1f", 31.0),
                Arguments.of("0755", 493.0),
                Arguments.of("08", 8.0),
                Arguments.of("1_000", 1000.0),
                Arguments.of("1_000.5", 1000.5),
                Arguments.of("99999999999999999999", 1e20),
                Arguments.of("Inf", Double.POSITIVE_INFINITY),
                Arguments.of("+inf", Double.POSITIVE_INFINITY),
                Arguments.of("-Inf", Double.NEGATIVE_INFINITY),
                Arguments.of("NaN", Double.NaN),
                Arguments.of("-1", -1.0),
                Arguments.of("- 2.5", -2.5),
                Arguments.of("+5.5e-3", 0.0055),
                Arguments.of("-0755", -493.0),
                Arguments.of("--1", 1.0),
                Arguments.of(" 42 # answer", 42.0));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("numbers")
    void parsesNumbers(String query, double expected) {
        NumberLiteral n = assertInstanceOf(NumberLiteral.class, Parser.parse(query));
        assertEquals(expected, n.value());
        assertEquals(ValueType.SCALAR, n.type());
    }

    static Stream<Arguments> strings() {
        return Stream.of(
                Arguments.of("\"foo\"", "foo"),
                Arguments.of("'foo'", "foo"),
                Arguments.of("`fo\\o`", "fo\\o"),
                Arguments.of("\"a\\tb\\\"c\"", "a\tb\"c"),
                Arguments.of("\"\"", ""),
                Arguments.of("\"\\u00e9t\\u00e9\"", "\u00e9t\u00e9"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("strings")
    void parsesStrings(String query, String expected) {
        StringLiteral s = assertInstanceOf(StringLiteral.class, Parser.parse(query));
        assertEquals(expected, s.value());
        assertEquals(ValueType.STRING, s.type());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                // Lexer errors, as Prometheus words and places them.
                Arguments.of("", "1:1: parse error: no expression found in input"),
                Arguments.of("# just a comment\n\n", "1:1: parse error: no expression found in input"),
                Arguments.of("metric{%}", "1:8: parse error: unexpected character inside braces: '%'"),
                Arguments.of("foo{", "1:5: parse error: unexpected end of input inside braces"),
                Arguments.of("foo{a=\"b\", ", "1:12: parse error: unexpected end of input inside braces"),
                Arguments.of("foo}", "1:4: parse error: unexpected character: '}'"),
                Arguments.of("$$$", "1:1: parse error: unexpected character: '$'"),
                Arguments.of(".", "1:1: parse error: unexpected character: '.'"),
                Arguments.of("foo{a:b=\"c\"}", "1:6: parse error: unexpected character inside braces: ':'"),
                Arguments.of("foo{1}", "1:5: parse error: unexpected character inside braces: '1'"),
                Arguments.of("foo{a*\"b\"}", "1:6: parse error: unexpected character inside braces: '*'"),
                Arguments.of("foo{a!\"b\"}", "1:6: parse error: unexpected character after '!' inside braces: '\"'"),
                Arguments.of("foo{{", "1:5: parse error: unexpected left brace '{'"),
                Arguments.of("foo{a=\"b", "1:7: parse error: unterminated quoted string"),
                Arguments.of("foo{a=\"b\nc\"}", "1:7: parse error: unterminated quoted string"),
                Arguments.of("foo{a=`b", "1:7: parse error: unterminated raw string"),
                Arguments.of("foo{a=\"b\\q\"}", "1:7: parse error: unknown escape sequence U+0071 'q'"),
                Arguments.of("foo{a=\"b\\'\"}", "1:7: parse error: unknown escape sequence U+0027 '''"),
                Arguments.of("foo{a='\\\"'}", "1:7: parse error: unknown escape sequence U+0022 '\"'"),
                Arguments.of("foo{a=\"\\xZZ\"}", "1:7: parse error: illegal character U+005A 'Z' in escape sequence"),
                Arguments.of("foo{a=\"\\u12\"}", "1:7: parse error: illegal character U+0022 '\"' in escape sequence"),
                Arguments.of("foo{a=\"\\uD800\"}", "1:7: parse error: escape sequence is an invalid Unicode code point"),
                Arguments.of("foo{a=\"\\U00110000\"}",
                        "1:7: parse error: escape sequence is an invalid Unicode code point"),
                Arguments.of("foo{a=\"\\400\"}", "1:7: parse error: escape sequence is an invalid Unicode code point"),
                Arguments.of("foo{a=\"\\xff\"}", "1:7: parse error: invalid UTF-8 rune"),
                Arguments.of("\"abc\\", "1:1: parse error: escape sequence not terminated"),
                Arguments.of("2.5.", "1:1: parse error: bad number or duration syntax: \"2.5.\""),
                Arguments.of("100..4", "1:1: parse error: bad number or duration syntax: \"100..\""),
                Arguments.of("0deadbeef", "1:1: parse error: bad number or duration syntax: \"0de\""),
                Arguments.of("1 =~ 1", "1:3: parse error: unexpected character after '=': '~'"),
                Arguments.of("1 !~ 1", "1:3: parse error: unexpected character after '!': '~'"),
                Arguments.of("foo )", "1:6: parse error: unexpected right parenthesis ')'"),
                Arguments.of("foo ]", "1:5: parse error: unexpected right bracket ']'"),
                // Grammar errors.
                Arguments.of("foo{a=b}", "1:7: parse error: unexpected identifier \"b\" in label matching, expected string"),
                Arguments.of("foo{a}",
                        "1:6: parse error: unexpected \"}\" in label matching, expected label matching operator"),
                Arguments.of("foo{a=\"b\" c=\"d\"}",
                        "1:11: parse error: unexpected identifier \"c\" in label matching, expected \",\" or \"}\""),
                Arguments.of("foo{,}",
                        "1:5: parse error: unexpected \",\" in label matching, expected identifier or \"}\""),
                Arguments.of("foo{a=\"b\",,}",
                        "1:11: parse error: unexpected \",\" in label matching, expected identifier or \"}\""),
                Arguments.of("foo{\"a\"=}",
                        "1:9: parse error: unexpected \"}\" in label matching, expected string"),
                Arguments.of("*1", "1:1: parse error: unexpected <op:*>"),
                Arguments.of("-", "1:2: parse error: unexpected end of input"),
                Arguments.of("1 2", "1:3: parse error: unexpected number \"2\""),
                Arguments.of("foo bar", "1:5: parse error: unexpected identifier \"bar\""),
                Arguments.of("foo \"x\"", "1:5: parse error: unexpected string \"\\\"x\\\"\""),
                Arguments.of("1 \"abcdefghijkl\"", "1:3: parse error: unexpected string \"\\\"abcdefghi\"..."),
                Arguments.of("foo{} {}", "1:7: parse error: unexpected \"{\""),
                Arguments.of("1 = 1", "1:3: parse error: unexpected \"=\""),
                Arguments.of("bool", "1:1: parse error: unexpected <bool>"),
                Arguments.of("foo bool", "1:5: parse error: unexpected <bool>"),
                Arguments.of("-\"string\"", "1:1: parse error: unary expression only allowed on expressions of type "
                        + "scalar or instant vector, got \"string\""),
                Arguments.of("9".repeat(309), "1:1: parse error: error parsing number: strconv.ParseFloat: parsing \""
                        + "9".repeat(309) + "\": value out of range"),
                Arguments.of("1_", "1:1: parse error: bad number or duration syntax: \"1_\""),
                Arguments.of("1_ ", "1:1: parse error: error parsing number: strconv.ParseFloat: parsing \"1_\": "
                        + "invalid syntax"),
                // Selector validation.
                Arguments.of("{}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
                Arguments.of(" {a=\"\"}", "1:2: parse error: vector selector must contain at least one non-empty matcher"),
                Arguments.of("{a=~\".*\", b!=\"x\", c!~\".+\"}",
                        "1:1: parse error: vector selector must contain at least one non-empty matcher"),
                Arguments.of("{\"\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
                Arguments.of("foo{__name__=\"bar\"}",
                        "1:1: parse error: metric name must not be set twice: \"foo\" or \"bar\""),
                Arguments.of("foo{\"bar\"}", "1:1: parse error: metric name must not be set twice: \"foo\" or \"bar\""),
                Arguments.of("foo{__name__=~\"b.*\"}",
                        "1:1: parse error: metric name must not be set twice: \"foo\" or \"b.*\""),
                // Positions: lines and columns in characters.
                Arguments.of("foo{\n  a=\"b\",\n  c%}", "3:4: parse error: unexpected character inside braces: '%'"),
                Arguments.of("{a=\"\u00e9\u00e9\"} %", "1:11: parse error: unexpected end of input"),
                Arguments.of("foo # c\n  + ", "2:5: parse error: unexpected end of input"),
                // Formerly "not supported yet"; these stay errors in Prometheus too.
                Arguments.of("foo smoothed", "1:1: parse error: smoothed modifier is experimental and not enabled"),
                Arguments.of("foo:bar(1)", "1:8: parse error: unexpected \"(\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("errors")
    void rejectsWithPrometheusMessage(String query, String message) {
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse(query));
        assertEquals(message, e.getMessage());
    }

    // The whole grammar: each valid query with the one-line form Prometheus prints for it.

    private static Arguments prints(String query, String expected) {
        return Arguments.of(query, expected);
    }

    static Stream<Arguments> validQueries() {
        return Stream.of(
                // Literals; durations are numbers of seconds in Prometheus 3.
                prints("1", "1"),
                prints("1e3", "1000"),
                prints("0x1f", "31"),
                prints(".5", "0.5"),
                prints("1e-7", "0.0000001"),
                prints("1.5e20", "150000000000000000000"),
                prints("Inf", "+Inf"),
                prints("-inf", "-Inf"),
                prints("NaN", "NaN"),
                prints("5m", "5m"),
                prints("90m", "1h30m"),
                prints("-1h30m", "-1h30m"),
                prints("60s", "1m"),
                prints("\"foo\"", "\"foo\""),
                prints("'it\\'s'", "\"it's\""),
                prints("`a\\b`", "\"a\\\\b\""),
                // Selectors.
                prints("foo", "foo"),
                prints("foo{}", "foo"),
                prints("foo{b=\"2\",a=~\"1\"}", "foo{a=~\"1\",b=\"2\"}"),
                prints("{__name__=\"foo\"}", "{__name__=\"foo\"}"),
                prints("{\"foo.bar\", \"a.b\"=\"c\"}", "{\"a.b\"=\"c\",__name__=\"foo.bar\"}"),
                prints("{__name__=~\"bar\", __name__!~\"baz\"}", "{__name__!~\"baz\",__name__=~\"bar\"}"),
                prints("sum", "sum"),
                prints("offset{step=\"1s\"}", "offset{step=\"1s\"}"),
                prints("start", "start"),
                prints("fill + fill_left", "fill + fill_left"),
                // Ranges, offsets, @.
                prints("foo[5m]", "foo[5m]"),
                prints("foo[300s]", "foo[5m]"),
                prints("foo[5]", "foo[5s]"),
                prints("foo[4.18]", "foo[4s180ms]"),
                prints("foo[10d]", "foo[10d]"),
                prints("foo[14d]", "foo[2w]"),
                prints("foo[366d]", "foo[366d]"),
                prints("foo[5y]", "foo[5y]"),
                prints("foo[1m30ms]", "foo[1m30ms]"),
                prints("foo offset 5m", "foo offset 5m"),
                prints("foo OFFSET -7m", "foo offset -7m"),
                prints("foo offset 3600", "foo offset 1h"),
                prints("foo offset 1.5", "foo offset 1s500ms"),
                prints("foo @ 1603774568", "foo @ 1603774568.000"),
                prints("foo @ -100", "foo @ -100.000"),
                prints("foo @ 3.3335", "foo @ 3.334"),
                prints("foo @ 1m", "foo @ 60.000"),
                prints("foo @ start()", "foo @ start()"),
                prints("foo offset 5m @ end()", "foo @ end() offset 5m"),
                prints("foo[5m] offset 1m @ 100", "foo[5m] @ 100.000 offset 1m"),
                prints("foo[1h:5m]", "foo[1h:5m]"),
                prints("foo[1h:]", "foo[1h:]"),
                prints("foo[10m5s:1h6ms]", "foo[10m5s:1h6ms]"),
                prints("rate(foo[5m])[1h:1m] offset 1d @ start()", "rate(foo[5m])[1h:1m] @ start() offset 1d"),
                prints("(foo + bar{nm=\"val\"})[5m:]", "(foo + bar{nm=\"val\"})[5m:]"),
                prints("some_metric OFFSET 1m [10m:5s]", "some_metric offset 1m[10m:5s]"),
                prints("foo offset 0s", "foo"),
                // Operators.
                prints("1 + 1", "1 + 1"),
                prints("foo+bar", "foo + bar"),
                prints("foo == bool 1", "foo == bool 1"),
                prints("1 > bool 2", "1 > bool 2"),
                prints("foo atan2 bar", "foo atan2 bar"),
                prints("foo * on(a,b) group_left(c) bar", "foo * on (a, b) group_left (c) bar"),
                prints("foo / ignoring(a) group_right bar", "foo / ignoring (a) group_right () bar"),
                prints("foo * on() group_left bar", "foo * on () group_left () bar"),
                prints("foo and on() bar", "foo and on () bar"),
                prints("foo and ignoring() bar", "foo and bar"),
                prints("foo + ignoring() 1", "foo + 1"),
                prints("foo + on(\"a.b\") bar", "foo + on (\"a.b\") bar"),
                prints("foo unless on(start, end) bar", "foo unless on (start, end) bar"),
                prints("-foo", "-foo"),
                prints("- foo", "-foo"),
                prints("+foo", "+foo"),
                prints("-(foo)", "-(foo)"),
                prints("--foo", "--foo"),
                prints("- -1", "1"),
                prints("1 - -1", "1 - -1"),
                prints("2 ^ -1", "2 ^ -1"),
                prints("foo # comment\n  + 1", "foo + 1"),
                // Aggregations.
                prints("sum(foo) by (job)", "sum by (job) (foo)"),
                prints("sum by (job) (foo)", "sum by (job) (foo)"),
                prints("sum without(a,b)(foo)", "sum without (a, b) (foo)"),
                prints("sum without() (foo)", "sum without () (foo)"),
                prints("sum by () (foo)", "sum(foo)"),
                prints("sum by (foo,)(x)", "sum by (foo) (x)"),
                prints("topk(5, foo) by (a)", "topk by (a) (5, foo)"),
                prints("bottomk(1, foo)", "bottomk(1, foo)"),
                prints("count_values(\"v\", foo)", "count_values(\"v\", foo)"),
                prints("quantile(0.9, foo)", "quantile(0.9, foo)"),
                prints("stddev(x) + stdvar(x) + group(x) + avg(x) + min(x) + max(x) + count(x)",
                        "stddev(x) + stdvar(x) + group(x) + avg(x) + min(x) + max(x) + count(x)"),
                prints("sum without(and, by, avg, count, alert, annotations)(some_metric)",
                        "sum without (and, by, avg, count, alert, annotations) (some_metric)"),
                prints("sum by (\"foo bar\", 'baz')({\"some.metric\"})",
                        "sum by (\"foo bar\", baz) ({__name__=\"some.metric\"})"),
                prints("sum by (foo:bar) (x)", "sum by (\"foo:bar\") (x)"),
                prints("sum(sum)", "sum(sum)"),
                prints("SUM BY (job) (x)", "sum by (job) (x)"),
                // Functions.
                prints("time()", "time()"),
                prints("rate(foo[5m])", "rate(foo[5m])"),
                prints("  vector (1)", "vector(1)"),
                prints("label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")",
                        "label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")"),
                prints("label_join(up, \"a\", \",\", \"b\", \"c\", \"d\")", "label_join(up, \"a\", \",\", \"b\", \"c\", \"d\")"),
                prints("round(foo)", "round(foo)"),
                prints("round(foo, 0.5)", "round(foo, 0.5)"),
                prints("day_of_week()", "day_of_week()"),
                prints("clamp(foo, 0, 1)", "clamp(foo, 0, 1)"),
                prints("histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))",
                        "histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))"),
                prints("min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] offset 4m)[4m:3s]",
                        "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] offset 4m)[4m:3s]"),
                prints("scalar(foo) * 2", "scalar(foo) * 2"),
                prints("h </ 0.5", "h </ 0.5"),
                prints("h>/on(le)t", "h >/ on (le) t"),
                prints("histogram_count(h </ 2)", "histogram_count(h </ 2)"),
                prints("time() > bool 5", "time() > bool 5"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validQueries")
    void printsValidQueriesAsPrometheus(String query, String expected) {
        assertEquals(expected, PromQLPrinter.toString(Parser.parse(query)));
    }

    /** Queries using experimental features, with everything enabled. */
    static Stream<Arguments> experimentalQueries() {
        return Stream.of(
                prints("foo[5m+1m]", "foo[5m + 1m]"),
                prints("foo[11s+10s-5*2^2]", "foo[11s + 10s - 5 * 2 ^ 2]"),
                prints("foo[step()]", "foo[step()]"),
                prints("foo[  -  step  (  )  ]", "foo[-step()]"),
                prints("foo[STep()]", "foo[step()]"),
                prints("foo[2m/range()]", "foo[2m / range()]"),
                prints("foo[-(10s-5s)+20s]", "foo[-(10s - 5s) + 20s]"),
                prints("foo[(5s)]", "foo[(5s)]"),
                prints("foo[max_of(step(),5s)]", "foo[max_of(step(), 5s)]"),
                // Like Prometheus, nested parentheses around a duration expression print as one pair.
                prints("foo[((max_of(min_of((step()+1),((1h))),1ms)))]",
                        "foo[(max_of(min_of((step() + 1), (1h)), 1ms))]"),
                prints("foo[4s+4s:1s*2] offset (5s-8)", "foo[4s + 4s:1s * 2] offset (5s - 8)"),
                prints("foo[29s+1s:((((8 - 2) / 3) * 7s) % 4) + 8000ms]",
                        "foo[29s + 1s:((((8 - 2) / 3) * 7s) % 4) + 8s]"),
                prints("foo offset step()", "foo offset step()"),
                prints("foo offset -step()", "foo offset -step()"),
                prints("foo offset +step()", "foo offset step()"),
                prints("foo offset (5)", "foo offset (5)"),
                prints("foo offset -(5)", "foo offset -(5)"),
                prints("foo offset +(5)", "foo offset (5)"),
                prints("foo offset max_of(step(),5s)", "foo offset max_of(step(), 5s)"),
                prints("foo offset -min_of(5s,step()+8s)", "foo offset -min_of(5s, step() + 8s)"),
                prints("foo offset range()", "foo offset range()"),
                prints("rate(foo[2m+2m])", "rate(foo[2m + 2m])"),
                prints("a + fill(0) b", "a + fill (0) b"),
                prints("a + fill_left(1) fill_right(-2) b", "a + fill_left (1) fill_right (-2) b"),
                prints("a + fill_right(2) fill_left(1) b", "a + fill_left (1) fill_right (2) b"),
                prints("a == bool on(x) group_left fill(-Inf) b", "a == bool on (x) group_left () fill (-Inf) b"),
                prints("a + fill(1000000) b", "a + fill (1e+06) b"),
                prints("a + fill(1e21) b", "a + fill (1e+21) b"),
                prints("a + fill(5m) b", "a + fill (300) b"),
                prints("rate(foo[5m] anchored)", "rate(foo[5m] anchored)"),
                prints("foo smoothed", "foo smoothed"),
                prints("foo[5m] smoothed offset 1m", "foo[5m] smoothed offset 1m"),
                prints("foo anchored @ 10", "foo @ 10.000 anchored"),
                prints("anchored{job=\"test\"}", "anchored{job=\"test\"}"),
                prints("sum by (smoothed) (x)", "sum by (smoothed) (x)"),
                prints("limitk(2, foo)", "limitk(2, foo)"),
                prints("limit_ratio(0.5, foo)", "limit_ratio(0.5, foo)"),
                prints("sort_by_label(foo, \"a\", \"b\")", "sort_by_label(foo, \"a\", \"b\")"),
                prints("info(foo)", "info(foo)"),
                prints("info(foo, {a=\"b\"})", "info(foo, {a=\"b\"})"),
                prints("info(foo, {__name__=~\".+_info\"})", "info(foo, {__name__=~\".+_info\"})"),
                prints("info(foo, {a=~\".*\"})", "info(foo, {a=~\".*\"})"),
                prints("step()", "step()"),
                prints("start() - end()", "start() - end()"),
                prints("mad_over_time(foo[5m])", "mad_over_time(foo[5m])"),
                prints("double_exponential_smoothing(foo[5m], 0.5, 0.5)",
                        "double_exponential_smoothing(foo[5m], 0.5, 0.5)"),
                prints("ts_of_max_over_time(foo[5m])", "ts_of_max_over_time(foo[5m])"),
                prints("histogram_quantiles(h, \"q\", 0.5, 0.9, 0.99)", "histogram_quantiles(h, \"q\", 0.5, 0.9, 0.99)"),
                prints("min_of(3, max_of(time(), 5))", "min_of(3, max_of(time(), 5))"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("experimentalQueries")
    void printsExperimentalQueriesAsPrometheus(String query, String expected) {
        assertEquals(expected, PromQLPrinter.toString(Parser.parse(query, ParserOptions.ALL_FEATURES)));
    }

    /** Tree shapes: precedence, associativity, where modifiers attach. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("a + b * c - d", "(- [ONE_TO_ONE] (+ [ONE_TO_ONE] (sel a [__name__=\"a\"]) (* [ONE_TO_ONE] "
                        + "(sel b [__name__=\"b\"]) (sel c [__name__=\"c\"]))) (sel d [__name__=\"d\"]))"),
                Arguments.of("1 + 2 * 3 ^ 2 ^ 2", "(+ 1.0 (* 2.0 (^ 3.0 (^ 2.0 2.0))))"),
                Arguments.of("-1^2", "(neg (^ 1.0 2.0))"),
                Arguments.of("-1^-2", "(neg (^ 1.0 -2.0))"),
                Arguments.of("-1*2", "(* -1.0 2.0)"),
                Arguments.of("+1 + -2 * 1", "(+ 1.0 (* -2.0 1.0))"),
                Arguments.of("1 < bool 2 - 1 * 2", "(< bool 1.0 (- 2.0 (* 1.0 2.0)))"),
                Arguments.of("a or b and c unless d", "(or [MANY_TO_MANY] (sel a [__name__=\"a\"]) (unless [MANY_TO_MANY] "
                        + "(and [MANY_TO_MANY] (sel b [__name__=\"b\"]) (sel c [__name__=\"c\"])) (sel d [__name__=\"d\"])))"),
                Arguments.of("a == b > c", "(> [ONE_TO_ONE] (== [ONE_TO_ONE] (sel a [__name__=\"a\"]) "
                        + "(sel b [__name__=\"b\"])) (sel c [__name__=\"c\"]))"),
                Arguments.of("a atan2 b * c", "(* [ONE_TO_ONE] (atan2 [ONE_TO_ONE] (sel a [__name__=\"a\"]) "
                        + "(sel b [__name__=\"b\"])) (sel c [__name__=\"c\"]))"),
                Arguments.of("-a * b", "(* [ONE_TO_ONE] (neg (sel a [__name__=\"a\"])) (sel b [__name__=\"b\"]))"),
                Arguments.of("-a ^ b", "(neg (^ [ONE_TO_ONE] (sel a [__name__=\"a\"]) (sel b [__name__=\"b\"])))"),
                Arguments.of("bar + on(foo) bla / on(baz, buz) group_right(test) blub",
                        "(+ [ONE_TO_ONE on[foo]] (sel bar [__name__=\"bar\"]) (/ [ONE_TO_MANY on[baz, buz] include[test]] "
                        + "(sel bla [__name__=\"bla\"]) (sel blub [__name__=\"blub\"])))"),
                Arguments.of("foo offset 5m + 1", "(+ (sel foo [__name__=\"foo\"] offset 300000ms) 1.0)"),
                Arguments.of("a + b offset 5m", "(+ [ONE_TO_ONE] (sel a [__name__=\"a\"]) (sel b [__name__=\"b\"] offset 300000ms))"),
                Arguments.of("-foo offset 5m", "(neg (sel foo [__name__=\"foo\"] offset 300000ms))"),
                Arguments.of("foo @ 123 offset 1m [10m:5s]",
                        "(subquery (sel foo [__name__=\"foo\"] offset 60000ms @ 123000ms) 600000ms step 5000ms)"),
                Arguments.of("foo[10m:5s] offset 1m @ 123",
                        "(subquery (sel foo [__name__=\"foo\"]) 600000ms step 5000ms offset 60000ms @ 123000ms)"),
                Arguments.of("foo[5m] offset 1m", "(matrix (sel foo [__name__=\"foo\"] offset 60000ms) 300000ms)"),
                Arguments.of("5m", "dur:300.0"),
                Arguments.of("-5m", "dur:-300.0"),
                Arguments.of("foo[1s] @ 2.345", "(matrix (sel foo [__name__=\"foo\"] @ 2345ms) 1000ms)"),
                Arguments.of("foo @ 3.3333", "(sel foo [__name__=\"foo\"] @ 3333ms)"),
                Arguments.of("foo @ -3.3e1", "(sel foo [__name__=\"foo\"] @ -33000ms)"),
                Arguments.of("foo @ 0xA", "(sel foo [__name__=\"foo\"] @ 10000ms)"),
                Arguments.of("foo / 2 == bool 1", "(== bool (/ (sel foo [__name__=\"foo\"]) 2.0) 1.0)"),
                Arguments.of("h >/ 1 + 2 </ 3", "(</ (>/ (sel h [__name__=\"h\"]) (+ 1.0 2.0)) 3.0)"),
                Arguments.of("topk(5, x) by (a)", "(topk by[a] 5.0 (sel x [__name__=\"x\"]))"),
                Arguments.of("count_values(\"v\", x)", "(count_values \"v\" (sel x [__name__=\"x\"]))"),
                Arguments.of("sum without () (x)", "(sum without[] (sel x [__name__=\"x\"]))"),
                Arguments.of("label_join(up, \"a\", \",\")", "(call label_join (sel up [__name__=\"up\"]) \"a\" \",\")"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("shapes")
    void buildsPrometheusTrees(String query, String expected) {
        assertEquals(expected, AstDump.dump(Parser.parse(query)));
    }

    static Stream<Arguments> experimentalShapes() {
        return Stream.of(
                // After offset, operators belong to the query unless the duration is a bare parenthesis.
                Arguments.of("foo offset 5s-8", "(- (sel foo [__name__=\"foo\"] offset 5000ms) 8.0)"),
                Arguments.of("foo offset -1^1", "(^ (sel foo [__name__=\"foo\"] offset -1000ms) 1.0)"),
                Arguments.of("foo offset step()*0", "(* (sel foo [__name__=\"foo\"] offset (dur-STEP)) 0.0)"),
                Arguments.of("foo offset -step()*2", "(* (sel foo [__name__=\"foo\"] offset (dur-SUB (dur-STEP))) 2.0)"),
                Arguments.of("foo offset -(min_of(step(), 2s)-5)+8000",
                        "(+ (sel foo [__name__=\"foo\"] offset (dur-SUB (dur-SUB wrapped (dur-MIN_OF (dur-STEP) dur:2.0) 5.0))) "
                        + "8000.0)"),
                Arguments.of("foo offset -(1^2)", "(sel foo [__name__=\"foo\"] offset (dur-SUB (dur-POW wrapped 1.0 2.0)))"),
                Arguments.of("foo offset (-1^2)", "(sel foo [__name__=\"foo\"] offset (dur-SUB wrapped (dur-POW 1.0 2.0)))"),
                Arguments.of("foo offset (100 + 2)", "(sel foo [__name__=\"foo\"] offset (dur-ADD wrapped 100.0 2.0))"),
                Arguments.of("foo offset 100 + 2", "(+ (sel foo [__name__=\"foo\"] offset 100000ms) 2.0)"),
                Arguments.of("foo[-2^2]", "(matrix (sel foo [__name__=\"foo\"]) 0ms (dur-SUB (dur-POW 2.0 2.0)))"),
                Arguments.of("foo[0+-2^2]", "(matrix (sel foo [__name__=\"foo\"]) 0ms (dur-ADD 0.0 (dur-SUB (dur-POW 2.0 2.0))))"),
                Arguments.of("foo[-10s+15s]", "(matrix (sel foo [__name__=\"foo\"]) 0ms (dur-ADD dur:-10.0 dur:15.0))"),
                Arguments.of("a + fill_left(5) b", "(+ [ONE_TO_ONE fill 5.0/null] (sel a [__name__=\"a\"]) (sel b [__name__=\"b\"]))"),
                Arguments.of("foo[5m] anchored", "(matrix (sel foo [__name__=\"foo\"] ANCHORED) 300000ms)"),
                Arguments.of("foo anchored anchored", "(sel foo [__name__=\"foo\"] ANCHORED)"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("experimentalShapes")
    void buildsPrometheusTreesForExperimentalSyntax(String query, String expected) {
        assertEquals(expected, AstDump.dump(Parser.parse(query, ParserOptions.ALL_FEATURES)));
    }

    static Stream<Arguments> types() {
        return Stream.of(
                Arguments.of("1", ValueType.SCALAR),
                Arguments.of("1 + 2", ValueType.SCALAR),
                Arguments.of("foo + 2", ValueType.VECTOR),
                Arguments.of("1 == bool 2", ValueType.SCALAR),
                Arguments.of("-(1)", ValueType.SCALAR),
                Arguments.of("\"s\"", ValueType.STRING),
                Arguments.of("foo[5m]", ValueType.MATRIX),
                Arguments.of("foo[5m:]", ValueType.MATRIX),
                Arguments.of("(foo[5m])", ValueType.MATRIX),
                Arguments.of("rate(foo[5m])", ValueType.VECTOR),
                Arguments.of("scalar(foo)", ValueType.SCALAR),
                Arguments.of("time()", ValueType.SCALAR),
                Arguments.of("sum(foo)", ValueType.VECTOR),
                Arguments.of("5m", ValueType.SCALAR));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("types")
    void typesNodesAsPrometheus(String query, ValueType expected) {
        assertEquals(expected, Parser.parse(query).type());
    }

    /** Errors of the whole grammar, with the default options (no experimental features). */
    static Stream<Arguments> grammarErrors() {
        return Stream.of(
                Arguments.of("1+", "1:3: parse error: unexpected end of input"),
                Arguments.of("1 /", "1:4: parse error: unexpected end of input"),
                Arguments.of("(1))", "1:5: parse error: unexpected right parenthesis ')'"),
                Arguments.of("((1)", "1:5: parse error: unclosed left parenthesis"),
                Arguments.of("(", "1:2: parse error: unclosed left parenthesis"),
                Arguments.of("(1 2)", "1:4: parse error: unexpected number \"2\""),
                Arguments.of("*test", "1:1: parse error: unexpected <op:*>"),
                Arguments.of("@@", "1:1: parse error: unexpected <op:@>"),
                Arguments.of("-=", "1:2: parse error: unexpected \"=\""),
                Arguments.of("++-++-+-+-<", "1:11: parse error: unexpected <op:<>"),
                Arguments.of("e-+=/(0)", "1:4: parse error: unexpected \"=\""),
                Arguments.of("a - on(b) ignoring(c) d", "1:11: parse error: unexpected <ignoring>"),
                Arguments.of("foo + group_left(baz) bar", "1:7: parse error: unexpected <group_left>"),
                Arguments.of("foo bool", "1:5: parse error: unexpected <bool>"),
                // Scalar operations.
                Arguments.of("1 and 1", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression"),
                Arguments.of("1 or 1", "1:1: parse error: set operator \"or\" not allowed in binary scalar expression"),
                Arguments.of("1 unless 1",
                        "1:1: parse error: set operator \"unless\" not allowed in binary scalar expression"),
                Arguments.of("foo and 1", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression"),
                Arguments.of("1 or foo", "1:1: parse error: set operator \"or\" not allowed in binary scalar expression"),
                Arguments.of("1 == 1", "1:3: parse error: comparisons between scalars must use BOOL modifier"),
                Arguments.of("1 # c\n == 1", "1:3: parse error: comparisons between scalars must use BOOL modifier"),
                Arguments.of("1 or on(bar) foo", "1:1: parse error: vector matching only allowed between instant vectors"),
                Arguments.of("foo == on(bar) 10", "1:1: parse error: vector matching only allowed between instant vectors"),
                Arguments.of("foo and on(bar) group_left(baz) bar",
                        "1:1: parse error: no grouping allowed for \"and\" operation"),
                Arguments.of("foo unless on(bar) group_right(baz) bar",
                        "1:1: parse error: no grouping allowed for \"unless\" operation"),
                Arguments.of("http_requests{group=\"production\"} + on(instance) group_left(job,instance) "
                        + "cpu_count{type=\"smp\"}",
                        "1:35: parse error: label \"instance\" must not occur in ON and GROUP clause at once"),
                Arguments.of("foo == bool on(a) group_left(a) 1",
                        "1:5: parse error: label \"a\" must not occur in ON and GROUP clause at once"),
                Arguments.of("foo + bool bar", "1:5: parse error: bool modifier can only be used on comparison operators"),
                Arguments.of("h </ bool 1", "1:3: parse error: bool modifier can only be used on comparison operators"),
                Arguments.of("min_of(1, 2)", "1:1: parse error: function \"min_of\" is not enabled"),
                Arguments.of("foo and bool 10", "1:5: parse error: bool modifier can only be used on comparison operators"),
                Arguments.of("\"foo\" + 1", "1:1: parse error: binary expression must contain only scalar and instant vector types"),
                Arguments.of("foo + \"bar\"", "1:7: parse error: binary expression must contain only scalar and instant vector types"),
                Arguments.of("foo[5m] + 1", "1:1: parse error: binary expression must contain only scalar and instant vector types"),
                Arguments.of("-test[5m]", "1:1: parse error: unary expression only allowed on expressions of type scalar or "
                        + "instant vector, got \"range vector\""),
                Arguments.of("-sum(foo)[5m:] == 1", "1:1: parse error: unary expression only allowed on expressions of type "
                        + "scalar or instant vector, got \"range vector\""),
                // Selectors and matchers.
                Arguments.of("some{", "1:6: parse error: unexpected end of input inside braces"),
                Arguments.of("foo{a>=\"b\"}", "1:6: parse error: unexpected character inside braces: '>'"),
                Arguments.of("foo{gibberish}",
                        "1:14: parse error: unexpected \"}\" in label matching, expected label matching operator"),
                Arguments.of("foo{__name__= =}", "1:15: parse error: unexpected \"=\" in label matching, expected string"),
                Arguments.of("foo{__name__ == \"bar\"}", "1:15: parse error: unexpected \"=\" in label matching, expected string"),
                Arguments.of("foo{__name__=\"bar\" lol}",
                        "1:20: parse error: unexpected identifier \"lol\" in label matching, expected \",\" or \"}\""),
                Arguments.of("{x=\"\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
                Arguments.of("{x!=\"a\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
                Arguments.of("{} + ", "1:6: parse error: unexpected end of input"),
                Arguments.of("foo + {}", "1:7: parse error: vector selector must contain at least one non-empty matcher"),
                // Ranges and subqueries.
                Arguments.of("foo[5mm]", "1:5: parse error: bad number or duration syntax: \"5mm\""),
                Arguments.of("foo[5m1]", "1:5: parse error: bad number or duration syntax: \"5m1\""),
                Arguments.of("foo[5m:1m1]", "1:8: parse error: bad number or duration syntax: \"1m1\""),
                Arguments.of("foo[5y1hs]", "1:5: parse error: unknown unit \"hs\" in duration \"5y1hs\""),
                Arguments.of("foo[5m1h]", "1:5: parse error: not a valid duration string: \"5m1h\""),
                Arguments.of("foo[5m1m]", "1:5: parse error: not a valid duration string: \"5m1m\""),
                Arguments.of("foo[0m]", "1:5: parse error: duration must be greater than 0"),
                Arguments.of("foo[-1]", "1:5: parse error: duration must be greater than 0"),
                Arguments.of("foo[5m:0s]", "1:8: parse error: duration must be greater than 0"),
                Arguments.of("foo[\"5m\"]", "1:5: parse error: unexpected character in duration expression: '\"'"),
                Arguments.of("foo[]", "1:5: parse error: unexpected \"]\" in subquery or range selector, expected number, "
                        + "duration, step(), or range()"),
                Arguments.of("foo[step]", "1:9: parse error: unexpected \"]\" in subquery or range selector, expected "
                        + "number, duration, step(), or range()"),
                Arguments.of("foo[5m 1m]",
                        "1:8: parse error: unexpected duration \"1m\" in subquery or range, expected \":\" or \"]\""),
                Arguments.of("foo[5m:1m 1m]", "1:11: parse error: unexpected duration \"1m\" in subquery selector, expected \"]\""),
                Arguments.of("foo[5m:,]", "1:8: parse error: unexpected \",\" in subquery selector, expected number, duration, "
                        + "step(), range(), or \"]\""),
                Arguments.of("foo[5s x 5s]", "1:8: parse error: unexpected character: 'x', expected ':'"),
                Arguments.of("foo[5s s 5s]", "1:8: parse error: unexpected character: 's', expected ':'"),
                Arguments.of("foo[:5m]", "1:6: parse error: unexpected colon before duration in duration expression"),
                Arguments.of("foo[5m::1m]", "1:8: parse error: unexpected colon ':'"),
                Arguments.of("foo[[", "1:5: parse error: unexpected character in duration expression: '['"),
                Arguments.of("foo[5m[", "1:7: parse error: unexpected left bracket '['"),
                Arguments.of("foo[5m", "1:7: parse error: unclosed left bracket"),
                Arguments.of("foo[(5m", "1:8: parse error: unclosed left parenthesis"),
                Arguments.of("foo{bar=\"baz\"}[", "1:16: parse error: unexpected end of input in duration expression"),
                Arguments.of("foo[9.5e10]", "1:5: parse error: duration out of range"),
                Arguments.of("foo[5m][5m]", "1:8: parse error: ranges only allowed for vector selectors"),
                Arguments.of("(foo + bar)[5m]", "1:12: parse error: ranges only allowed for vector selectors"),
                Arguments.of("rate(food[1m])[1h] offset 1h", "1:15: parse error: ranges only allowed for vector selectors"),
                Arguments.of("1[5m] smoothed", "1:2: parse error: ranges only allowed for vector selectors"),
                Arguments.of("some_metric OFFSET 1m[5m]", "1:22: parse error: no offset modifiers allowed before range"),
                Arguments.of("some_metric @ 1234 [5m]", "1:20: parse error: no @ modifiers allowed before range"),
                Arguments.of("some_metric @ start() [5m]", "1:23: parse error: no @ modifiers allowed before range"),
                Arguments.of("some_metric @ end()[5m]", "1:20: parse error: no @ modifiers allowed before range"),
                Arguments.of("test[5d] OFFSET 10s [10m:5s]",
                        "1:1: parse error: subquery is only allowed on instant vector, got matrix instead"),
                Arguments.of("(foo + bar{nm=\"val\"})[5m:][10m:5s]",
                        "1:1: parse error: subquery is only allowed on instant vector, got matrix instead"),
                Arguments.of("\"x\"[5m:]", "1:1: parse error: subquery is only allowed on instant vector, got string instead"),
                // Offset and @.
                Arguments.of("1 offset 1d", "1:1: parse error: offset modifier must be preceded by an instant vector "
                        + "selector or range vector selector or a subquery"),
                Arguments.of("sum(foo) offset 5m", "1:1: parse error: offset modifier must be preceded by an instant "
                        + "vector selector or range vector selector or a subquery"),
                Arguments.of("foo offset 1s offset 2s", "1:1: parse error: offset may not be set multiple times"),
                Arguments.of("foo[5m:1m] offset 1m offset 2m", "1:1: parse error: offset may not be set multiple times"),
                Arguments.of("some_metric[5m] OFFSET 1mm", "1:24: parse error: bad number or duration syntax: \"1mm\""),
                Arguments.of("some_metric[5m] OFFSET", "1:23: parse error: unexpected end of input in offset, expected "
                        + "number, duration, step(), or range()"),
                Arguments.of("foo offset bar", "1:12: parse error: unexpected identifier \"bar\" in offset, expected "
                        + "number, duration, step(), or range()"),
                Arguments.of("foo offset 9.5e10", "1:12: parse error: duration out of range"),
                Arguments.of("some_metric[5m] @", "1:18: parse error: unexpected end of input in @, expected timestamp"),
                Arguments.of("foo @ bar", "1:7: parse error: unexpected identifier \"bar\" in @, expected timestamp"),
                Arguments.of("foo @ start", "1:12: parse error: unexpected end of input in @, expected timestamp"),
                Arguments.of("foo @ +Inf", "1:1: parse error: timestamp out of bounds for @ modifier: +Inf"),
                Arguments.of("foo @ -Inf", "1:1: parse error: timestamp out of bounds for @ modifier: -Inf"),
                Arguments.of("foo @ NaN", "1:1: parse error: timestamp out of bounds for @ modifier: NaN"),
                Arguments.of("foo @ 9223372036854775808.000000",
                        "1:1: parse error: timestamp out of bounds for @ modifier: 9223372036854775808.000000"),
                Arguments.of("foo @ -9223372036854775809.000000",
                        "1:1: parse error: timestamp out of bounds for @ modifier: -9223372036854775808.000000"),
                Arguments.of("rate(some_metric[5m]) @ 1234", "1:1: parse error: @ modifier must be preceded by an instant "
                        + "vector selector or range vector selector or a subquery"),
                Arguments.of("foo @ 1 @ 2", "1:1: parse error: @ <timestamp> may not be set multiple times"),
                // Aggregations.
                Arguments.of("sum by (\"foo)(some_metric{})", "1:9: parse error: unterminated quoted string"),
                Arguments.of("sum without(==)(some_metric)",
                        "1:13: parse error: unexpected <op:==> in grouping opts, expected label"),
                Arguments.of("sum without(,)(some_metric)", "1:13: parse error: unexpected \",\" in grouping opts, expected label"),
                Arguments.of("sum without(foo,,)(some_metric)",
                        "1:17: parse error: unexpected \",\" in grouping opts, expected label"),
                Arguments.of("sum by (1) (x)", "1:9: parse error: unexpected number \"1\" in grouping opts, expected label"),
                Arguments.of("sum by (without) (x)", "1:9: parse error: unexpected <without> in grouping opts, expected label"),
                Arguments.of("sum by (a b) (x)",
                        "1:11: parse error: unexpected identifier \"b\" in grouping opts, expected \",\" or \")\""),
                Arguments.of("sum by (\"\") (x)", "1:9: parse error: invalid label name for grouping: \"\""),
                Arguments.of("sum some_metric by (test)", "1:5: parse error: unexpected identifier \"some_metric\""),
                Arguments.of("sum (some_metric) by test",
                        "1:22: parse error: unexpected identifier \"test\" in grouping opts, expected \"(\""),
                Arguments.of("sum by (foo) bar", "1:14: parse error: unexpected identifier \"bar\" in aggregation"),
                Arguments.of("sum(foo bar)", "1:9: parse error: unexpected identifier \"bar\" in aggregation"),
                Arguments.of("sum(rate(foo[5m]) bar)", "1:19: parse error: unexpected identifier \"bar\" in aggregation"),
                Arguments.of("rate(sum(foo) bar)", "1:15: parse error: unexpected identifier \"bar\""),
                Arguments.of("sum () by (test)", "1:1: parse error: no arguments for aggregate expression provided"),
                Arguments.of("MIN keep_common (some_metric)", "1:5: parse error: unexpected identifier \"keep_common\""),
                Arguments.of("MIN (some_metric) keep_common", "1:19: parse error: unexpected identifier \"keep_common\""),
                Arguments.of("sum (some_metric) without (test) by (test)", "1:34: parse error: unexpected <by>"),
                Arguments.of("sum without (test) (some_metric) by (test)", "1:34: parse error: unexpected <by>"),
                Arguments.of("topk(some_metric)", "1:1: parse error: wrong number of arguments for aggregate expression "
                        + "provided, expected 2, got 1"),
                Arguments.of("sum(a, b)", "1:1: parse error: wrong number of arguments for aggregate expression provided, "
                        + "expected 1, got 2"),
                Arguments.of("topk(some_metric,)", "1:17: parse error: trailing commas not allowed in function call args"),
                Arguments.of("topk(some_metric, other_metric)",
                        "1:6: parse error: expected type scalar in aggregation parameter, got instant vector"),
                Arguments.of("count_values(5, other_metric)",
                        "1:14: parse error: expected type string in aggregation parameter, got scalar"),
                Arguments.of("sum(\"foo\")", "1:5: parse error: expected type instant vector in aggregation expression, got string"),
                Arguments.of("sum(foo[5m])",
                        "1:5: parse error: expected type instant vector in aggregation expression, got range vector"),
                Arguments.of("sum(", "1:5: parse error: unclosed left parenthesis"),
                Arguments.of("sum(rate(", "1:10: parse error: unclosed left parenthesis"),
                Arguments.of("limitk(1, foo)", "1:1: parse error: limitk() is experimental and must be enabled with "
                        + "--enable-feature=promql-experimental-functions"),
                // Functions.
                Arguments.of("floor()", "1:1: parse error: expected 1 argument(s) in call to \"floor\", got 0"),
                Arguments.of("abs(foo, bar)", "1:1: parse error: expected 1 argument(s) in call to \"abs\", got 2"),
                Arguments.of("floor(1)", "1:7: parse error: expected type instant vector in call to function \"floor\", got scalar"),
                Arguments.of("hour(some_metric, some_metric, some_metric)",
                        "1:1: parse error: expected at most 1 argument(s) in call to \"hour\", got 3"),
                Arguments.of("time(some_metric)", "1:1: parse error: expected 0 argument(s) in call to \"time\", got 1"),
                Arguments.of("label_join(foo)", "1:1: parse error: expected at least 3 argument(s) in call to \"label_join\", got 1"),
                Arguments.of("label_join(foo, \"a\", \",\", 1)",
                        "1:27: parse error: expected type string in call to function \"label_join\", got scalar"),
                Arguments.of("non_existent_function_far_bar()",
                        "1:1: parse error: unknown function with name \"non_existent_function_far_bar\""),
                Arguments.of("a>b()", "1:3: parse error: unknown function with name \"b\""),
                Arguments.of("RATE(foo[5m])", "1:1: parse error: unknown function with name \"RATE\""),
                Arguments.of("holt_winters(foo[5m], 0.5, 0.5)", "1:1: parse error: unknown function with name \"holt_winters\""),
                Arguments.of("rate(some_metric)",
                        "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector"),
                Arguments.of("rate(avg)", "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector"),
                Arguments.of("rate(foo[5m],)", "1:13: parse error: trailing commas not allowed in function call args"),
                Arguments.of("mad_over_time(foo[5m])", "1:1: parse error: function \"mad_over_time\" is not enabled"),
                Arguments.of("step()", "1:1: parse error: function \"step\" is not enabled"),
                // Experimental syntax while disabled.
                Arguments.of("foo[5m+1m]", "1:5: parse error: experimental duration expression is not enabled"),
                Arguments.of("foo[(5m)]", "1:6: parse error: experimental duration expression is not enabled"),
                Arguments.of("foo[step()]", "1:5: parse error: experimental duration expression is not enabled"),
                Arguments.of("foo offset (5m)", "1:13: parse error: experimental duration expression is not enabled"),
                Arguments.of("rate(foo[5m] anchored)", "1:6: parse error: anchored modifier is experimental and not enabled"),
                Arguments.of("a + fill(0) b", "1:1: parse error: binop fill modifiers are experimental and not enabled"),
                // Strings.
                Arguments.of("`\\``", "1:4: parse error: unterminated raw string"),
                Arguments.of("\"\\c\"", "1:1: parse error: unknown escape sequence U+0063 'c'"),
                Arguments.of("\"\\x.\"", "1:1: parse error: illegal character U+002E '.' in escape sequence"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("grammarErrors")
    void rejectsLikePrometheus(String query, String message) {
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse(query));
        assertEquals(message, e.getMessage());
    }

    /** Errors that need experimental features enabled to be reached. */
    static Stream<Arguments> experimentalErrors() {
        return Stream.of(
                Arguments.of("foo[step()/0d]", "1:11: parse error: division by zero"),
                Arguments.of("foo[5s/0d]", "1:7: parse error: division by zero"),
                Arguments.of("foo offset (4d/0)", "1:15: parse error: division by zero"),
                Arguments.of("foo[5s%0d]", "1:7: parse error: modulo by zero"),
                Arguments.of("foo[5m+]", "1:8: parse error: unexpected \"]\" in subquery or range selector, expected number, "
                        + "duration, step(), or range()"),
                Arguments.of("foo offset (5m+)", "1:16: parse error: unexpected \")\" in offset, expected number, duration, "
                        + "step(), or range()"),
                Arguments.of("foo[max_of(1m)]", "1:14: parse error: unexpected \")\" in subquery or range selector, expected "
                        + "number, duration, step(), or range()"),
                Arguments.of("foo smoothed anchored", "1:1: parse error: anchored and smoothed modifiers cannot be used together"),
                Arguments.of("foo[5m] anchored smoothed",
                        "1:1: parse error: anchored and smoothed modifiers cannot be used together"),
                Arguments.of("foo[1m:] anchored", "1:1: parse error: anchored modifier is not supported for subqueries"),
                Arguments.of("sum(foo) smoothed", "1:1: parse error: smoothed modifier not implemented"),
                Arguments.of("a + fill(x) b", "1:10: parse error: unexpected identifier \"x\""),
                Arguments.of("fill(x)", "1:1: parse error: unexpected <fill>"),
                Arguments.of("1 + fill(1) 2", "1:1: parse error: filling in missing series only allowed between instant vectors"),
                Arguments.of("a and fill(1) b", "1:1: parse error: filling in missing series not allowed for set operators"),
                Arguments.of("info(rate(http_request_counter_total{}[5m]), target_info{foo=\"bar\"})",
                        "1:46: parse error: expected label selectors only, got vector selector instead"),
                Arguments.of("info(http_request_counter_total{namespace=\"zzz\"}, {foo=\"bar\"} == 1)",
                        "1:51: parse error: expected label selectors only"),
                Arguments.of("info(foo, 1)", "1:1: parse error: expected type instant vector in call to function \"info\", got scalar"),
                Arguments.of("info(foo, bar, baz)", "1:1: parse error: expected at most 2 argument(s) in call to \"info\", got 3"),
                Arguments.of("sort_by_label(foo, 1)",
                        "1:20: parse error: expected type string in call to function \"sort_by_label\", got scalar"),
                Arguments.of("limitk(foo)", "1:1: parse error: wrong number of arguments for aggregate expression provided, "
                        + "expected 2, got 1"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("experimentalErrors")
    void rejectsExperimentalSyntaxLikePrometheus(String query, String message) {
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse(query, ParserOptions.ALL_FEATURES));
        assertEquals(message, e.getMessage());
    }

    /** Every valid query prints to text that parses back to the same tree. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource({"validQueries", "experimentalQueries"})
    void roundTripsThroughThePrinter(String query, String ignored) {
        assertRoundTrip(query, ParserOptions.ALL_FEATURES);
    }

    static void assertRoundTrip(String query, ParserOptions options) {
        Expr first = Parser.parse(query, options);
        for (String printed : List.of(PromQLPrinter.toString(first), PromQLPrinter.format(first))) {
            Expr again = Parser.parse(printed, options);
            assertEquals(AstDump.dump(first), AstDump.dump(again), () -> query + " printed as " + printed);
        }
    }

    @Test
    void reportsTheFirstErrorOfHugeQueriesQuickly() {
        // From Prometheus' tests: errors must not re-render the expression, and deep trees must not
        // exhaust the stack.
        String q = "(" + "-{}-1".repeat(10000) + ")" + "[1m:]".repeat(1000);
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse(q));
        assertEquals("1:3: parse error: vector selector must contain at least one non-empty matcher", e.getMessage());
        String ok = "(" + "-{a=\"b\"}-1".repeat(10000) + ")";
        Expr expr = Parser.parse(ok);
        assertEquals(ValueType.VECTOR, expr.type());
        String expected = "(-{a=\"b\"} - 1" + " - {a=\"b\"} - 1".repeat(9999) + ")";
        assertTrue(expected.equals(PromQLPrinter.toString(expr)), "deep chains print in full");
    }

    @Test
    void positionsSpanTheWrittenText() {
        String q = "sum by (job) (rate(foo{a=\"b\"}[5m] offset 1m)) / 2";
        BinaryExpr div = assertInstanceOf(BinaryExpr.class, Parser.parse(q));
        assertEquals(new PositionRange(0, q.length()), div.position());
        AggregateExpr sum = assertInstanceOf(AggregateExpr.class, div.lhs());
        assertEquals(new PositionRange(0, 45), sum.position());
        Call rate = assertInstanceOf(Call.class, sum.expr());
        assertEquals(new PositionRange(14, 44), rate.position());
        MatrixSelector m = assertInstanceOf(MatrixSelector.class, rate.args().get(0));
        assertEquals(new PositionRange(19, 43), m.position());
        assertEquals(new PositionRange(19, 29), m.selector().position());
        NumberLiteral n = assertInstanceOf(NumberLiteral.class, Parser.parse(" -1"));
        assertEquals(new PositionRange(1, 3), n.position());
        UnaryExpr u = assertInstanceOf(UnaryExpr.class, Parser.parse(" +some_metric"));
        assertEquals(new PositionRange(1, 13), u.position());
        VectorSelector vs = assertInstanceOf(VectorSelector.class, Parser.parse("foo offset 5m @ 10"));
        assertEquals(new PositionRange(0, 18), vs.position());
    }

    @Test
    void numbersAndDurationsInLiterals() {
        NumberLiteral d = assertInstanceOf(NumberLiteral.class, Parser.parse("1h30m"));
        assertEquals(5400.0, d.value());
        assertTrue(d.duration());
        NumberLiteral ms = assertInstanceOf(NumberLiteral.class, Parser.parse("1500ms"));
        assertEquals(1.5, ms.value());
        MatrixSelector sub = assertInstanceOf(MatrixSelector.class, Parser.parse("foo[4.018]"));
        assertEquals(4018, sub.rangeMs());
        assertEquals(-7 * 60_000L, ((VectorSelector) Parser.parse("foo offset -7m")).offsetMs());
    }

    @Test
    void experimentalFeaturesAreSwitchedOnSeparately() {
        ParserOptions durations = new ParserOptions(false, true, false, false, FunctionRegistry.builtin());
        assertEquals("foo[5m * 2]", PromQLPrinter.toString(Parser.parse("foo[5m*2]", durations)));
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse("limitk(1, x)", durations));
        assertEquals("1:1: parse error: limitk() is experimental and must be enabled with "
                + "--enable-feature=promql-experimental-functions", e.getMessage());
        ParserOptions functions = new ParserOptions(true, false, false, false, FunctionRegistry.builtin());
        assertEquals("limitk(1, x)", PromQLPrinter.toString(Parser.parse("limitk(1, x)", functions)));
        assertThrows(ParseException.class, () -> Parser.parse("foo[5m*2]", functions));
    }

    @Test
    void usesTheGivenFunctionRegistryOnly() {
        FunctionSignature twice = new FunctionSignature("twice", List.of(ValueType.VECTOR), 0, ValueType.VECTOR, false);
        ParserOptions custom = ParserOptions.DEFAULT.withFunctions(name -> name.equals("twice") ? twice : null);
        Call c = assertInstanceOf(Call.class, Parser.parse("twice(up)", custom));
        assertEquals(twice, c.function());
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse("rate(up[5m])", custom));
        assertEquals("1:1: parse error: unknown function with name \"rate\"", e.getMessage());
    }

    @Test
    void invalidRegexNamesTheRegexAtTheMatcher() {
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse("foo{a=~\"(\"}"));
        assertTrue(e.getMessage().startsWith("1:5: parse error: invalid regular expression \"(\""), e.getMessage());
        assertEquals(1, e.line());
        assertEquals(5, e.column());
    }

    @Test
    void quotesLikeGo() {
        assertEquals("\"a\\\"b\\\\c\\n\\x01\\u00a0\u00e9\"", GoStrings.quote("a\"b\\c\n\u0001\u00a0\u00e9"));
        assertEquals("'\\''", GoStrings.quoteRune('\''));
        assertEquals("'\"'", GoStrings.quoteRune('"'));
        assertEquals("U+000A", GoStrings.unicode('\n'));
        assertEquals("\"0123456789\"...", GoStrings.quoteTruncated("0123456789a", 10));
    }
}
