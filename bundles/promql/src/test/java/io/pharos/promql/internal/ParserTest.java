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
                Arguments.of("5m", "1:1: parse error: unexpected duration \"5m\""),
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
                Arguments.of("{a=\"\u00e9\u00e9\"} %", "1:10: parse error: binary operators are not supported yet"),
                Arguments.of("foo # c\n  + 1", "2:3: parse error: binary operators are not supported yet"),
                // The rest of PromQL, not supported yet.
                Arguments.of("foo + 1", "1:5: parse error: binary operators are not supported yet"),
                Arguments.of("1 + 1", "1:3: parse error: binary operators are not supported yet"),
                Arguments.of("foo and bar", "1:5: parse error: binary operators are not supported yet"),
                Arguments.of("foo == bool 1", "1:5: parse error: binary operators are not supported yet"),
                Arguments.of("foo atan2 bar", "1:5: parse error: binary operators are not supported yet"),
                Arguments.of("foo[5m]", "1:4: parse error: range selectors and subqueries are not supported yet"),
                Arguments.of("foo{a=\"b\"}[5m:1m]",
                        "1:11: parse error: range selectors and subqueries are not supported yet"),
                Arguments.of("foo offset 5m", "1:5: parse error: offset modifiers are not supported yet"),
                Arguments.of("foo @ 1609746000", "1:5: parse error: @ modifiers are not supported yet"),
                Arguments.of("foo smoothed", "1:5: parse error: smoothed modifiers are not supported yet"),
                Arguments.of("rate(foo[5m])", "1:1: parse error: function calls are not supported yet"),
                Arguments.of("  vector (1)", "1:3: parse error: function calls are not supported yet"),
                Arguments.of("sum(foo)", "1:1: parse error: aggregations are not supported yet"),
                Arguments.of("sum by (job) (foo)", "1:1: parse error: aggregations are not supported yet"),
                Arguments.of("topk(3, foo)", "1:1: parse error: aggregations are not supported yet"),
                Arguments.of("(foo)", "1:1: parse error: parenthesized expressions are not supported yet"),
                Arguments.of("-foo", "1:1: parse error: unary operators are not supported yet"),
                Arguments.of("foo:bar(1)", "1:8: parse error: unexpected \"(\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("errors")
    void rejectsWithPrometheusMessage(String query, String message) {
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse(query));
        assertEquals(message, e.getMessage());
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
