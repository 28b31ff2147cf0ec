package io.pharos.promql.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.promql.PromQLException;
import io.pharos.promql.PromQLException.ErrorType;
import io.pharos.promql.QueryEngine;
import io.pharos.promql.QueryResult;
import io.pharos.promql.QueryResult.MatrixResult;
import io.pharos.promql.QueryResult.ScalarResult;
import io.pharos.promql.QueryResult.StringResult;
import io.pharos.promql.QueryResult.VectorResult;
import io.pharos.promql.Sample;
import io.pharos.promql.SeriesResult;
import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.StaleMarker;
import io.pharos.spi.promql.ValueType;
import io.pharos.storage.StorageUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryEngineTest {
    private static final long S = 1000;
    private static final long M = 60 * S;
    private static final long T = 1_700_000_000_000L;

    private final FakeStorage storage = new FakeStorage();
    private final QueryEngineComponent engine = new QueryEngineComponent(storage, 0);

    {
        engine.register(new TestFunctions.Delta("rate"));
    }

    private static Labels up(String... more) {
        String[] pairs = new String[more.length + 2];
        pairs[0] = "__name__";
        pairs[1] = "up";
        System.arraycopy(more, 0, pairs, 2, more.length);
        return Labels.of(pairs);
    }

    private List<Sample> vector(String query, long t) {
        QueryResult r = engine.instantQuery(query, t);
        assertEquals(ValueType.VECTOR, r.type());
        return assertInstanceOf(VectorResult.class, r).samples();
    }

    private List<SeriesResult> matrix(String query, long start, long end, long step) {
        QueryResult r = engine.rangeQuery(query, start, end, step);
        assertEquals(ValueType.MATRIX, r.type());
        return assertInstanceOf(MatrixResult.class, r).series();
    }

    private PromQLException failure(Runnable query) {
        return assertThrows(PromQLException.class, query::run);
    }

    // Instant queries.

    @Test
    void takesTheLastSampleInTheWindowAtTheEvaluationTime() {
        storage.add(up("job", "a"), T - 3 * M, 1).add(up("job", "a"), T - 2 * M, 2).add(up("job", "a"), T + S, 3);
        assertEquals(List.of(new Sample(up("job", "a"), T, 2)), vector("up", T));
    }

    @Test
    void sampleExactlyOneLookbackOldIsExcluded() {
        storage.add(up("job", "old"), T - 5 * M, 1);
        storage.add(up("job", "fresh"), T - 5 * M + S, 2);
        assertEquals(List.of(new Sample(up("job", "fresh"), T, 2)), vector("up", T));
        // The querier covers exactly (t - 5m, t].
        assertArrayEquals(new long[] {T - 5 * M + 1, T}, storage.querierRanges.get(0));
    }

    @Test
    void sampleAtTheEvaluationTimeIsIncluded() {
        storage.add(up(), T, 7);
        assertEquals(List.of(new Sample(up(), T, 7)), vector("up", T));
    }

    @Test
    void staleMarkerHidesTheSeries() {
        storage.add(up("job", "gone"), T - 2 * M, 1).add(up("job", "gone"), T - M, StaleMarker.VALUE);
        storage.add(up("job", "back"), T - 2 * M, StaleMarker.VALUE).add(up("job", "back"), T - M, 4);
        assertEquals(List.of(new Sample(up("job", "back"), T, 4)), vector("up", T));
    }

    @Test
    void ordinaryNaNIsAValue() {
        storage.add(up(), T - M, Double.NaN);
        List<Sample> v = vector("up", T);
        assertEquals(1, v.size());
        assertTrue(Double.isNaN(v.get(0).v()));
    }

    @Test
    void resultIsSortedByLabels() {
        storage.add(up("job", "c"), T, 3).add(up("job", "a"), T, 1).add(up("job", "b", "x", "y"), T, 2)
                .add(up("job", "b"), T, 4);
        List<Sample> v = vector("up", T);
        assertEquals(List.of(up("job", "a"), up("job", "b"), up("job", "b", "x", "y"), up("job", "c")),
                v.stream().map(Sample::labels).toList());
    }

    @Test
    void keepsTheMetricNameAndSelectsByMatchers() {
        storage.add(up("job", "a"), T, 1).add(Labels.of("__name__", "down", "job", "a"), T, 2);
        assertEquals(List.of(new Sample(Labels.of("__name__", "down", "job", "a"), T, 2)),
                vector("{__name__=\"down\"}", T));
        assertEquals(List.of(new Sample(up("job", "a"), T, 1)), vector("{__name__=~\"u.*\", job=\"a\"}", T));
        assertEquals(2, vector("{job=\"a\"}", T).size());
        assertEquals(List.of(), vector("nothing", T));
    }

    @Test
    void regexMatchersAreAnchored() {
        storage.add(up("job", "a"), T, 1).add(up("job", "ab"), T, 2).add(up("job", "ba"), T, 3);
        assertEquals(List.of(up("job", "a")), vector("up{job=~\"a\"}", T).stream().map(Sample::labels).toList());
        assertEquals(List.of(up("job", "ab"), up("job", "ba")),
                vector("up{job!~\"a\"}", T).stream().map(Sample::labels).toList());
        assertEquals(List.of(up("job", "a"), up("job", "ab")),
                vector("up{job=~\"a.*\"}", T).stream().map(Sample::labels).toList());
    }

    @Test
    void absentLabelMatchesTheEmptyString() {
        storage.add(up("job", "a"), T, 1).add(up(), T, 2).add(up("job", "b", "env", "prod"), T, 3);
        assertEquals(List.of(up()), vector("up{job=\"\"}", T).stream().map(Sample::labels).toList());
        assertEquals(List.of(up(), up("job", "a")), vector("up{env=\"\"}", T).stream().map(Sample::labels).toList());
        // Label by label: env sorts before job.
        assertEquals(List.of(up("job", "b", "env", "prod"), up("job", "a")),
                vector("up{job!=\"\"}", T).stream().map(Sample::labels).toList());
        assertEquals(List.of(up("job", "b", "env", "prod")),
                vector("{env=~\"prod|\", job=\"b\"}", T).stream().map(Sample::labels).toList());
    }

    @Test
    void literals() {
        assertEquals(new ScalarResult(T, 1), engine.instantQuery("1", T));
        assertEquals(new ScalarResult(T, 31), engine.instantQuery("0x1f", T));
        assertEquals(new ScalarResult(T, -2.5), engine.instantQuery("-2.5", T));
        assertEquals(ValueType.SCALAR, engine.instantQuery("NaN", T).type());
        assertEquals(new StringResult(T, "foo"), engine.instantQuery("\"foo\"", T));
        assertEquals(ValueType.STRING, engine.instantQuery("'foo'", T).type());
        assertTrue(storage.querierRanges.isEmpty(), "literals do not touch storage");
    }

    @Test
    void customLookbackDelta() {
        QueryEngine oneMinute = new QueryEngineComponent(storage, M);
        storage.add(up("job", "a"), T - 2 * M, 1).add(up("job", "b"), T - 30 * S, 2);
        assertEquals(List.of(new Sample(up("job", "b"), T, 2)),
                ((VectorResult) oneMinute.instantQuery("up", T)).samples());
    }

    @Test
    void closesTheQuerier() {
        storage.add(up(), T, 1);
        vector("up", T);
        matrix("up", T - M, T, M);
        assertEquals(0, storage.openQueriers);
    }

    // Range queries.

    @Test
    void rangeQueryAppliesTheLookbackAtEveryStep() {
        Labels a = up("job", "a");
        storage.add(a, T, 1).add(a, T + 2 * M, 2).add(a, T + 10 * M, 3).add(a, T + 11 * M, StaleMarker.VALUE)
                .add(a, T + 13 * M, 5);
        List<SeriesResult> m = matrix("up", T, T + 14 * M, M);
        assertEquals(1, m.size());
        SeriesResult s = m.get(0);
        assertEquals(a, s.labels());
        // Steps at T+0..T+14m: 1 until T+1m, 2 from T+2m to T+6m (T+7m is exactly 5m after T+2m),
        // nothing until 3 at T+10m, stale from T+11m, 5 from T+13m.
        assertArrayEquals(new long[] {T, T + M, T + 2 * M, T + 3 * M, T + 4 * M, T + 5 * M, T + 6 * M,
            T + 10 * M, T + 13 * M, T + 14 * M}, s.timestamps());
        assertArrayEquals(new double[] {1, 1, 2, 2, 2, 2, 2, 3, 5, 5}, s.values());
    }

    @Test
    void rangeQuerySelectsOnceAndSeeksAcrossGaps() {
        Labels a = up("job", "a");
        for (long t = T - 10 * M; t <= T + 60 * M; t += S) {
            storage.add(a, t, t);
        }
        long start = T;
        long end = T + 60 * M;
        List<SeriesResult> m = matrix("up", start, end, 30 * M);
        assertEquals(1, storage.selects.size());
        assertEquals(1, storage.querierRanges.size());
        assertArrayEquals(new long[] {start - 5 * M + 1, end}, storage.querierRanges.get(0));
        assertEquals(30 * M, storage.selects.get(0).step());
        assertArrayEquals(new long[] {T, T + 30 * M, T + 60 * M}, m.get(0).timestamps());
        assertArrayEquals(new double[] {T, T + 30 * M, T + 60 * M}, m.get(0).values());
        // 4,200 samples lie in the selected range; seeking reads only the windows around the steps.
        assertTrue(storage.iteratorNextCalls < 1500, "next() calls: " + storage.iteratorNextCalls);
    }

    @Test
    void rangeQueryOmitsSeriesWithoutPointsAndSortsTheRest() {
        storage.add(up("job", "z"), T, 1).add(up("job", "old"), T - 10 * M, 2).add(up("job", "b"), T + M, 3);
        List<SeriesResult> m = matrix("up", T, T + 2 * M, M);
        assertEquals(List.of(up("job", "b"), up("job", "z")), m.stream().map(SeriesResult::labels).toList());
        assertEquals(new SeriesResult(up("job", "b"), new long[] {T + M, T + 2 * M}, new double[] {3, 3}), m.get(0));
        assertEquals(new SeriesResult(up("job", "z"), new long[] {T, T + M, T + 2 * M}, new double[] {1, 1, 1}),
                m.get(1));
    }

    @Test
    void rangeQueryWithStepNotDividingTheRange() {
        storage.add(up(), T, 1);
        List<SeriesResult> m = matrix("up", T, T + 100 * S, 30 * S);
        assertArrayEquals(new long[] {T, T + 30 * S, T + 60 * S, T + 90 * S}, m.get(0).timestamps());
    }

    @Test
    void rangeQueryOfALiteralRepeatsItAtEveryStep() {
        MatrixResult r = (MatrixResult) engine.rangeQuery("2", T, T + 2 * M, M);
        assertEquals(List.of(new SeriesResult(Labels.EMPTY, new long[] {T, T + M, T + 2 * M}, new double[] {2, 2, 2})),
                r.series());
        MatrixResult single = (MatrixResult) engine.rangeQuery("1", T, T, 1);
        assertEquals(1, single.series().get(0).size());
        PromQLException e = failure(() -> engine.rangeQuery("\"s\"", T, T + M, M));
        assertEquals(ErrorType.BAD_DATA, e.errorType());
        assertEquals("invalid expression type \"string\" for range query, must be Scalar or instant Vector",
                e.getMessage());
    }

    @Test
    void rangeParametersAreValidated() {
        PromQLException e = failure(() -> engine.rangeQuery("up", T, T - 1, M));
        assertEquals(ErrorType.BAD_DATA, e.errorType());
        assertEquals("invalid parameter \"end\": end timestamp must not be before start time", e.getMessage());

        e = failure(() -> engine.rangeQuery("up", T, T + M, 0));
        assertEquals(ErrorType.BAD_DATA, e.errorType());
        assertEquals("invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer",
                e.getMessage());
        assertEquals(ErrorType.BAD_DATA, failure(() -> engine.rangeQuery("up", T, T + M, -S)).errorType());

        e = failure(() -> engine.rangeQuery("up", T, T + 11_001 * S, S));
        assertEquals(ErrorType.BAD_DATA, e.errorType());
        assertEquals("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query "
                + "resolution (?step=XX)", e.getMessage());
        assertEquals(ErrorType.BAD_DATA,
                failure(() -> engine.rangeQuery("up", Long.MIN_VALUE, Long.MAX_VALUE, 1)).errorType());
        // 11,000 steps (11,001 points, as in Prometheus) are still fine.
        assertEquals(11_001, matrix("1", T, T + 11_000 * S, S).get(0).size());
        // Parameters are checked before the query is parsed.
        assertEquals("invalid parameter \"end\": end timestamp must not be before start time",
                failure(() -> engine.rangeQuery("up +", T, T - 1, M)).getMessage());
    }

    // Errors.

    @Test
    void parseErrorsAreBadData() {
        PromQLException e = failure(() -> engine.instantQuery("metric{%}", T));
        assertEquals(ErrorType.BAD_DATA, e.errorType());
        assertEquals("bad_data", e.errorType().text());
        assertEquals("1:8: parse error: unexpected character inside braces: '%'", e.getMessage());
        e = failure(() -> engine.rangeQuery("sum(up) by", T, T + M, M));
        assertEquals(ErrorType.BAD_DATA, e.errorType());
        assertEquals("1:11: parse error: unexpected end of input in grouping opts, expected \"(\"", e.getMessage());
        assertEquals("1:1: parse error: no expression found in input",
                failure(() -> engine.instantQuery(null, T)).getMessage());
        // Type errors are parse errors too.
        e = failure(() -> engine.instantQuery("rate(up)", T));
        assertEquals(ErrorType.BAD_DATA, e.errorType());
        assertEquals("1:6: parse error: expected type range vector in call to function \"rate\", got instant vector",
                e.getMessage());
    }

    @Test
    void evaluatesEveryKindOfExpression() {
        storage.add(up("job", "a"), T - M, 1).add(up("job", "a"), T, 3).add(up("job", "b"), T, 10);
        assertEquals(List.of(new Sample(Labels.EMPTY, T, 13)), vector("sum(up)", T));
        assertEquals(List.of(new Sample(Labels.of("job", "a"), T, 4), new Sample(Labels.of("job", "b"), T, 11)),
                vector("up + 1", T));
        assertEquals(List.of(new Sample(Labels.of("job", "a"), T, -3), new Sample(Labels.of("job", "b"), T, -10)),
                vector("-up", T));
        assertEquals(List.of(new Sample(up("job", "a"), T, 1)), vector("up offset 1m", T));
        assertEquals(List.of(new Sample(up("job", "a"), T + 10 * M, 1)), vector("up @ " + (T - M) / 1000, T + 10 * M));
        assertEquals(List.of(new Sample(Labels.of("job", "a"), T, 2.0 / 120)), vector("rate(up{job=\"a\"}[2m])", T));
        QueryResult r = engine.instantQuery("up{job=\"a\"}[5m]", T);
        assertEquals(List.of(new SeriesResult(up("job", "a"), new long[] {T - M, T}, new double[] {1, 3})),
                assertInstanceOf(MatrixResult.class, r).series());
        // Subquery steps are aligned to multiples of the step: T is 20s past a minute.
        r = engine.instantQuery("up{job=\"a\"}[2m:1m]", T);
        assertEquals(List.of(new SeriesResult(up("job", "a"), new long[] {T - 20 * S}, new double[] {1})),
                assertInstanceOf(MatrixResult.class, r).series());
        // Parentheses change nothing, and durations are numbers.
        assertEquals(List.of(new Sample(up("job", "b"), T, 10)), vector("((up{job=\"b\"}))", T));
        assertEquals(new ScalarResult(T, 300), engine.instantQuery("5m", T));
        assertEquals(1, matrix("sum(up)", T, T + M, M).size());
    }

    @Test
    void unknownAndRemovedFunctionsAreBadData() {
        storage.add(up(), T, 1);
        PromQLException e = failure(() -> engine.instantQuery("abs(up)", T));
        assertEquals(ErrorType.BAD_DATA, e.errorType());
        assertEquals("1:1: parse error: unknown function with name \"abs\"", e.getMessage());
        TestFunctions.Delta abs = new TestFunctions.Delta("abs");
        engine.register(abs);
        assertTrue(engine.functionNames().contains("abs"));
        engine.instantQuery("abs(up[1m])", T);
        engine.unregister(abs);
        assertEquals(ErrorType.BAD_DATA, failure(() -> engine.instantQuery("abs(up[1m])", T)).errorType());
        engine.unregister(new TestFunctions.Delta("rate")); // not the registered instance: no effect
        assertTrue(engine.functionNames().contains("rate"));
        assertTrue(engine.functionNames().contains("step"), "the engine's own functions are registered too");
    }

    @Test
    void vectorMatchingErrorsAreExecutionErrors() {
        storage.add(up("job", "a", "i", "1"), T, 1).add(up("job", "a", "i", "2"), T, 2).add(Labels.of("__name__", "x",
                "job", "a"), T, 5);
        PromQLException e = failure(() -> engine.instantQuery("x + on(job) up", T));
        assertEquals(ErrorType.EXECUTION, e.errorType());
        assertTrue(e.getMessage().startsWith("found duplicate series for the match group {job=\"a\"} on the right"),
                e.getMessage());
        assertEquals(2, vector("up + on(job) group_left x", T).size());
    }

    @Test
    void rangeQueriesRejectExpressionsOfOtherTypesBeforeEvaluating() {
        PromQLException e = failure(() -> engine.rangeQuery("up[5m]", T, T + M, M));
        assertEquals(ErrorType.BAD_DATA, e.errorType());
        assertEquals("invalid expression type \"range vector\" for range query, must be Scalar or instant Vector",
                e.getMessage());
        assertEquals("invalid expression type \"string\" for range query, must be Scalar or instant Vector",
                failure(() -> engine.rangeQuery("\"x\"", T, T + M, M)).getMessage());
    }

    @Test
    void storageUnavailableIsUnavailable() {
        StorageUnavailableException cause = new StorageUnavailableException();
        storage.failWith(cause);
        PromQLException e = failure(() -> engine.instantQuery("up", T));
        assertEquals(ErrorType.UNAVAILABLE, e.errorType());
        assertEquals("unavailable", e.errorType().text());
        assertEquals(cause.getMessage(), e.getMessage());
        assertEquals(ErrorType.UNAVAILABLE, failure(() -> engine.rangeQuery("up", T, T + M, M)).errorType());
        // Literals need no storage.
        assertEquals(new ScalarResult(T, 1), engine.instantQuery("1", T));
    }

    @Test
    void otherStorageFailuresAreInternal() {
        storage.failWith(FakeStorage.broken("disk on fire"));
        PromQLException e = failure(() -> engine.instantQuery("up", T));
        assertEquals(ErrorType.INTERNAL, e.errorType());
        assertEquals("disk on fire", e.getMessage());
    }

    @Test
    void errorTypeTexts() {
        assertEquals(List.of("bad_data", "execution", "timeout", "canceled", "unavailable", "internal"),
                java.util.Arrays.stream(ErrorType.values()).map(ErrorType::text).toList());
    }

    @Test
    void seriesResultChecksLengthsAndComparesByContent() {
        assertThrows(IllegalArgumentException.class,
                () -> new SeriesResult(Labels.EMPTY, new long[1], new double[2]));
        SeriesResult a = new SeriesResult(up(), new long[] {1}, new double[] {2});
        SeriesResult b = new SeriesResult(up(), new long[] {1}, new double[] {2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void parseSelectorReturnsTheMatchersOfASelectorOnly() {
        QueryEngine engine = this.engine;
        assertEquals(List.of(LabelMatcher.equal("job", "a"), LabelMatcher.equal("__name__", "up")),
                engine.parseSelector("up{job=\"a\"}"));
        PromQLException notSelector = org.junit.jupiter.api.Assertions.assertThrows(PromQLException.class,
                () -> engine.parseSelector("1"));
        assertEquals(PromQLException.ErrorType.BAD_DATA, notSelector.errorType());
        assertEquals("invalid series selector \"1\": expected a vector selector, got scalar", notSelector.getMessage());
        PromQLException bad = org.junit.jupiter.api.Assertions.assertThrows(PromQLException.class,
                () -> engine.parseSelector("{"));
        assertEquals(PromQLException.ErrorType.BAD_DATA, bad.errorType());
        PromQLException modified = org.junit.jupiter.api.Assertions.assertThrows(PromQLException.class,
                () -> engine.parseSelector("up offset 5m"));
        assertEquals("invalid series selector \"up offset 5m\": expected a vector selector without modifiers",
                modified.getMessage());
    }

    @Test
    void formatQueryUsesTheCanonicalLayout() {
        assertEquals("sum by (job) (rate(http_requests_total{job=\"api\"}[5m]))",
                engine.formatQuery("SUM(rate(http_requests_total{job='api'}[5m])) by (job)"));
        PromQLException bad = assertThrows(PromQLException.class, () -> engine.formatQuery("sum("));
        assertEquals(ErrorType.BAD_DATA, bad.errorType());
    }
}
