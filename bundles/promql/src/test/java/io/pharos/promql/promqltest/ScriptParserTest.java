package io.pharos.promql.promqltest;

import io.pharos.promql.notation.SeriesLine;
import io.pharos.promql.notation.ScriptValue;
import io.pharos.promql.notation.ScriptNumbers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.pharos.promql.promqltest.Command.EvalInstant;
import io.pharos.promql.promqltest.Command.EvalRange;
import io.pharos.promql.promqltest.Command.Load;
import io.pharos.promql.promqltest.Expectations.Annotation;
import io.pharos.promql.promqltest.Expectations.Level;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.StaleMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptParserTest {
    private static Script parse(String text) {
        return ScriptParser.parse("t.test", text);
    }

    /** The expanded values of a one-series load. */
    private static List<ScriptValue> values(String notation) {
        Load load = assertInstanceOf(Load.class, parse("load 1m\n  m " + notation + "\n").commands().get(0));
        return load.series().get(0).values();
    }

    private static List<Double> floats(String notation) {
        List<Double> out = new ArrayList<>();
        for (ScriptValue v : values(notation)) {
            assertEquals(ScriptValue.Kind.FLOAT, v.kind(), notation);
            out.add(v.value());
        }
        return out;
    }

    private static EvalInstant instant(String text) {
        return assertInstanceOf(EvalInstant.class, parse(text).commands().get(0));
    }

    private static ScriptParser.ParseException parseError(String text) {
        return assertThrows(ScriptParser.ParseException.class, () -> parse(text));
    }

    // Series notation.

    @Test
    void incrementExpandsToCountPlusOneValues() {
        assertEquals(List.of(1.0, 3.0, 5.0, 7.0), floats("1+2x3"));
    }

    @Test
    void negativeIncrementAndNegativeStart() {
        assertEquals(List.of(10.0, 7.0, 4.0), floats("10-3x2"));
        assertEquals(List.of(-5.0, -4.0, -3.0), floats("-5+1x2"));
        assertEquals(List.of(-1.0, -2.0), floats("-1-1x1"));
    }

    @Test
    void repetitionExpandsToCountPlusOneCopies() {
        assertEquals(List.of(4.0, 4.0, 4.0), floats("4x2"));
        // 0x10 is "0, eleven times", never hex.
        assertEquals(11, floats("0x10").size());
        assertEquals(List.of(0.0), floats("0x0"));
    }

    @Test
    void missingValues() {
        assertEquals(List.of(ScriptValue.MISSING), values("_"));
        // _xN is N missing values, not N+1.
        assertEquals(List.of(ScriptValue.MISSING, ScriptValue.MISSING), values("_x2"));
        assertEquals(List.of(ScriptValue.of(1), ScriptValue.MISSING, ScriptValue.MISSING, ScriptValue.of(2)),
                values("1 _x2 2"));
    }

    @Test
    void staleMarker() {
        List<ScriptValue> v = values("1 stale 2");
        assertEquals(ScriptValue.Kind.STALE, v.get(1).kind());
        assertTrue(StaleMarker.isStale(v.get(1).value()));
    }

    @Test
    void specialAndExponentNumbers() {
        List<Double> v = floats("NaN nan Inf -Inf inf +Inf 1e3 1E+2 -2.5e-1 .8 2. 1e3+1e3x1");
        assertTrue(Double.isNaN(v.get(0)));
        assertTrue(Double.isNaN(v.get(1)));
        assertEquals(List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, 1000.0, 100.0, -0.25, 0.8, 2.0, 1000.0, 2000.0), v.subList(2, v.size()));
    }

    @Test
    void incrementsAccumulateLikePrometheus() {
        // Repeated addition, not start + k*step: 0.1 added ten times is not 1.
        assertEquals(0.9999999999999999, floats("0+0.1x10").get(10));
    }

    @Test
    void nativeHistogramsArePlaceholdersWithRawText() {
        List<ScriptValue> v = values("{{schema:0 sum:1 count:1 buckets:[1 2]}} _ {{count:1}}x2 {{count:0}}+{{count:1}}x1 3");
        assertEquals(8, v.size());
        assertEquals(ScriptValue.ofHistogram("{{schema:0 sum:1 count:1 buckets:[1 2]}}"), v.get(0));
        assertEquals(ScriptValue.MISSING, v.get(1));
        assertEquals("{{count:1}}x2", v.get(2).histogram());
        assertEquals(ScriptValue.Kind.HISTOGRAM, v.get(4).kind());
        assertEquals("{{count:0}}+{{count:1}}x1", v.get(5).histogram());
        assertEquals(ScriptValue.Kind.HISTOGRAM, v.get(6).kind());
        assertEquals(ScriptValue.of(3), v.get(7));
    }

    @Test
    void startTimestampLinesHoldDurationOffsets() {
        Load load = (Load) parse("load 1m\n  c{a=\"b\"}@st _ -30s-1mx2 -59999msx1\n  c{a=\"b\"} 1x5\n")
                .commands().get(0);
        SeriesLine st = load.series().get(0);
        assertTrue(st.startTimestamps());
        assertFalse(load.series().get(1).startTimestamps());
        assertEquals(List.of(ScriptValue.MISSING, ScriptValue.of(-30_000), ScriptValue.of(-90_000),
                ScriptValue.of(-150_000), ScriptValue.of(-59_999), ScriptValue.of(-59_999)), st.values());
    }

    @Test
    void standaloneStartTimestampLineIsADefault() {
        Load load = (Load) parse("load 1m\n  @st -1m\n  c 1 2\n").commands().get(0);
        assertTrue(load.series().get(0).startTimestamps());
        assertTrue(load.series().get(0).labels().isEmpty());
        assertEquals(List.of(ScriptValue.of(-60_000)), load.series().get(0).values());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "c@st -1m|c 1 2|@st line has 1 values but sample line has 2",
        "c@st -1m|d 1|@st metric does not match the following sample line metric",
        "c@st -1m|c@st -1m|@st line has no following sample line"})
    void startTimestampLineMustPrecedeItsSeries(String stLine, String next, String message) {
        ScriptParser.ParseException e = parseError("load 1m\n  " + stLine + "\n  " + next + "\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"1+2", "1x", "1xa", "abc", "1..2", "0x1F", "stalex2", "1+{{count:1}}x2", "{{count:1}"})
    void invalidValuesNameFileAndLine(String notation) {
        ScriptParser.ParseException e = parseError("\nload 1m\n  m 1 " + notation + "\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("t.test:3: "), e.getMessage());
    }

    // Series selectors.

    @Test
    void selectorsWithAndWithoutNames() {
        Load load = (Load) parse("load 5m\n  up 1\n  up{job=\"a\", instance='b',} 1\n  {job=\"c\"} 1\n"
                + "  {\"my.metric\", \"some.label\"=\"x\"} 1\n  {__name__=\"n\"} 1\n").commands().get(0);
        assertEquals(Labels.of("__name__", "up"), load.series().get(0).labels());
        assertEquals(Labels.of("__name__", "up", "job", "a", "instance", "b"), load.series().get(1).labels());
        assertEquals(Labels.of("job", "c"), load.series().get(2).labels());
        assertEquals(Labels.of("__name__", "my.metric", "some.label", "x"), load.series().get(3).labels());
        assertEquals(Labels.of("__name__", "n"), load.series().get(4).labels());
        assertEquals(5 * 60_000, load.intervalMs());
        assertEquals(3, load.series().get(1).line());
    }

    @Test
    void labelValueEscapes() {
        Load load = (Load) parse("load 1m\n  m{a=\"q\\\"uote\\n\\\\\", b=`raw\\n`, c=\"\\u00e9\\x41\"} 1\n")
                .commands().get(0);
        Labels l = load.series().get(0).labels();
        assertEquals("q\"uote\n\\", l.get("a"));
        assertEquals("raw\\n", l.get("b"));
        assertEquals("\u00e9A", l.get("c"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"m{a!=\"b\"} 1", "m{a=~\"b\"} 1", "m{a=\"b\" 1", "m{a=b} 1",
        "m{a=\"b\",a=\"c\"} 1", "m{a=\"b} 1", "m{1a=\"b\"} 1", "m@st 1"})
    void invalidSelectors(String line) {
        // @st is allowed in loads only, so the last one is tested in an eval.
        String text = line.contains("@st") ? "eval instant at 0 m\n  " + line + "\n" : "load 1m\n  " + line + "\n";
        assertEquals(2, parseError(text).line());
    }

    // Durations.

    @ParameterizedTest
    @CsvSource({"0,0", "5m,300000", "1h30m,5400000", "10s53ms,10053", "20,20000", "1.5,1500", "1d,86400000",
        "1w,604800000", "1y,31536000000", "0s,0", "3m0s,180000", "1ms,1"})
    void durations(String text, long ms) {
        assertEquals(ms, ScriptNumbers.parseDurationMs(text));
    }

    @ParameterizedTest
    @CsvSource({"m", "30m1h", "1m1m", "5x", "-1m", "1.5m", "''"})
    void invalidDurations(String text) {
        assertThrows(IllegalArgumentException.class, () -> ScriptNumbers.parseDurationMs(text));
    }

    // Commands and expected results.

    @Test
    void evalInstantWithSeriesAndNames() {
        EvalInstant e = instant("eval instant at 50m sum(x) by (job)\n  {job=\"a\"} 1\n  x{job=\"b\"} -2.5\n");
        assertEquals(3_000_000, e.atMs());
        assertEquals("sum(x) by (job)", e.expr());
        assertEquals(1, e.line());
        List<SeriesLine> s = e.expect().series();
        assertEquals(Labels.of("job", "a"), s.get(0).labels());
        assertEquals(Labels.of("__name__", "x", "job", "b"), s.get(1).labels());
        assertEquals(List.of(ScriptValue.of(-2.5)), s.get(1).values());
        assertEquals(3, s.get(1).line());
        assertNull(e.expect().scalar());
        assertNull(e.expect().failure());
    }

    @Test
    void bareNumberIsAScalar() {
        assertEquals(12340000.0, instant("eval instant at 0 1\n\t12340000\n").expect().scalar());
        assertEquals(Double.POSITIVE_INFINITY, instant("eval instant at 0 1\n +Inf\n").expect().scalar());
        assertEquals(31.0, instant("eval instant at 0 1\n 0x1F\n").expect().scalar());
        assertTrue(instant("eval instant at 0 1\n NaN\n").expect().scalar().isNaN());
    }

    @Test
    void noResultLinesMeansEmptyResult() {
        EvalInstant e = instant("eval instant at 1m foo\n\nclear\n");
        assertTrue(e.expect().series().isEmpty());
        assertNull(e.expect().scalar());
    }

    @Test
    void evalRangeWithSeriesNotation() {
        EvalRange r = (EvalRange) parse("load 1m\n  m 1\n\n# comment\neval range from 0 to 2m step 1m m\n"
                + "  m _ 3 5\n  {} 0x2\n").commands().get(1);
        assertEquals(5, r.line());
        assertEquals(0, r.startMs());
        assertEquals(120_000, r.endMs());
        assertEquals(60_000, r.stepMs());
        assertEquals(List.of(ScriptValue.MISSING, ScriptValue.of(3), ScriptValue.of(5)),
                r.expect().series().get(0).values());
        assertEquals(3, r.expect().series().get(1).values().size());
    }

    @Test
    void commentLineEndsABlock() {
        // As in Prometheus, a comment is a blank line: the line after it starts a new command.
        ScriptParser.ParseException e = parseError("eval instant at 0 m\n  m 1\n  # note\n  m 2\n");
        assertEquals(4, e.line());
        assertEquals(2, parse("eval instant at 0 m\n  m 1\n  # note\neval instant at 0 m\n").commands().size());
    }

    @Test
    void expectFailForms() {
        assertTrue(instant("eval instant at 0 x\n  expect fail\n").expect().failure() != null);
        assertEquals("Parameter value is NaN",
                instant("eval instant at 0 x\n  expect fail msg: Parameter value is NaN\n").expect().failure().message());
        assertEquals("invalid label name \"a\\xc5z\"",
                instant("eval instant at 0 x\n  expect fail msg:invalid label name \"a\\xc5z\"\n").expect().failure()
                        .message());
        assertEquals("conflicting label",
                instant("eval instant at 0 x\n  expect fail regex: conflicting label\n").expect().failure().regex()
                        .pattern());
        assertTrue(instant("eval_fail instant at 0 x\n").expect().failure() != null);
    }

    @Test
    void annotationForms() {
        List<Annotation> a = instant("eval instant at 0 x\n  expect warn\n  expect no_info\n"
                + "  expect info msg: PromQL info: hi (1:1)\n  expect warn regex: got NaN \\([0-9]+\\)\n"
                + "  expect no_warn\n").expect().annotations();
        assertEquals(new Annotation(Level.WARN, true, null, null), a.get(0));
        assertEquals(new Annotation(Level.INFO, false, null, null), a.get(1));
        assertEquals("PromQL info: hi (1:1)", a.get(2).message());
        assertEquals("got NaN \\([0-9]+\\)", a.get(3).regex().pattern());
        assertEquals(new Annotation(Level.WARN, false, null, null), a.get(4));
        assertEquals(Level.WARN, instant("eval_warn instant at 0 x\n").expect().annotations().get(0).level());
        assertEquals(Level.INFO, instant("eval_info instant at 0 x\n").expect().annotations().get(0).level());
        assertTrue(instant("eval instant at 0 x\n  expect info\n").expect().expectsAnnotations());
        assertFalse(instant("eval instant at 0 x\n  expect no_info\n").expect().expectsAnnotations());
    }

    @Test
    void orderedForms() {
        assertTrue(instant("eval instant at 0 sort(x)\n  expect ordered\n  x 1\n").expect().ordered());
        assertTrue(instant("eval_ordered instant at 0 sort(x)\n  x 1\n").expect().ordered());
        assertFalse(instant("eval instant at 0 sort(x)\n  x 1\n").expect().ordered());
    }

    @Test
    void expectString() {
        assertEquals("Foo", instant("eval instant at 0 \"Foo\"\n  expect string \"Foo\"\n").expect().string());
        assertEquals("Foo", instant("eval instant at 0 \"Foo\"\n  expect string `Foo`\n").expect().string());
        assertEquals(" Foo ", instant("eval instant at 0 \" Foo \"\n  expect string \" Foo \"\n").expect().string());
        assertEquals("", instant("eval instant at 0 \"\"\n \t expect string \"\"\n").expect().string());
    }

    @Test
    void expectRangeVector() {
        EvalInstant e = instant("eval instant at 1m m[1m]\n  expect range vector from 10s to 1m step 10s\n"
                + "  m{env=\"a\"} 2 3 _ 5 6\n");
        assertEquals(new Expectations.RangeSpec(10_000, 60_000, 10_000), e.expect().rangeVector());
        assertEquals(5, e.expect().series().get(0).values().size());
    }

    @Test
    void clearIsOneLineAndMayBeFollowedDirectlyByALoad() {
        List<Command> c = parse("clear\nload 1m\n  m 1\n").commands();
        assertEquals(List.of(new Command.Clear(1)), c.subList(0, 1));
        assertEquals(2, c.get(1).line());
    }

    @Test
    void loadWithNhcbAndClear() {
        List<Command> c = parse("load_with_nhcb 5m\n  h_bucket{le=\"1\"} 0+1x2\n\nclear\n").commands();
        assertTrue(((Load) c.get(0)).withNhcb());
        assertEquals(new Command.Clear(4), c.get(1));
    }

    @Test
    void evalWithoutAtMeansTimeZero() {
        assertEquals(0, instant("eval instant foo\n").atMs());
    }

    @Test
    void expressionKeepsInnerSpacing() {
        assertEquals("metric_for_at @ start()",
                ((EvalRange) parse("eval range from 0s to 9s step 3s metric_for_at @ start()\n").commands().get(0))
                        .expr());
    }

    // Errors.

    @Test
    void unknownCommandNamesFileAndLine() {
        ScriptParser.ParseException e = parseError("load 1m\n  m 1\n\n\nbogus 1\n");
        assertEquals("t.test", e.file());
        assertEquals(5, e.line());
        assertEquals("t.test:5: unknown command \"bogus\"", e.getMessage());
        assertEquals(1, parseError("evaluate instant at 0 x\n").line());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            arguments("eval instant at 0 x\n  expect bogus", 2),
            arguments("eval instant at 0 x\n  expect fail msg:", 2),
            arguments("eval instant at 0 x\n  expect warn regex: (", 2),
            arguments("eval instant at 0 x\n  expect string Foo", 2),
            arguments("eval instant at 0 x\n  x 1 2", 2),
            arguments("eval instant at 0 x\n  x _", 2),
            arguments("eval instant at 0 x\n  x stale", 2),
            arguments("eval instant at 0 x\n  1\n  2", 3),
            arguments("eval instant at 5q x", 1),
            arguments("eval range from 0 to 1m x", 1),
            arguments("eval range from 0 to 1m step 1m x\n  expect ordered", 1),
            arguments("load\n  m 1", 1),
            arguments("load 0\n  m 1", 1),
            arguments("load 1m 2m", 1),
            arguments("clear 1", 1),
            arguments("clear\n  m 1", 2),
            arguments("clear\nload 1m\n  m 1\neval instant at 0 m", 4),
            arguments("\n\neval instant at 0 x\n  expect fail\n  expect fail", 5));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void errorsCarryTheLine(String text, int line) {
        assertEquals(line, parseError(text).line());
    }
}
