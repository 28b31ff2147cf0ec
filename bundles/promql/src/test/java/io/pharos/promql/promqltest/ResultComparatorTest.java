package io.pharos.promql.promqltest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.promql.PromQLException;
import io.pharos.promql.PromQLException.ErrorType;
import io.pharos.promql.QueryResult;
import io.pharos.promql.QueryResult.MatrixResult;
import io.pharos.promql.QueryResult.ScalarResult;
import io.pharos.promql.QueryResult.StringResult;
import io.pharos.promql.QueryResult.VectorResult;
import io.pharos.promql.Sample;
import io.pharos.promql.SeriesResult;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.StaleMarker;
import io.pharos.spi.storage.StorageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultComparatorTest {
    private static final Labels A = Labels.of("__name__", "m", "i", "a");
    private static final Labels B = Labels.of("__name__", "m", "i", "b");

    private static Command.Eval eval(String text) {
        return ScriptParser.parse("t.test", text).evals().get(0);
    }

    private static String check(String script, QueryResult got) {
        return ResultComparator.check(eval(script), QueryOutcome.of(got));
    }

    private static VectorResult vector(Object... labelsAndValues) {
        Sample[] s = new Sample[labelsAndValues.length / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = new Sample((Labels) labelsAndValues[2 * i], 0, ((Number) labelsAndValues[2 * i + 1]).doubleValue());
        }
        return new VectorResult(List.of(s));
    }

    // Tolerance.

    @Test
    void almostEqualIsRelative() {
        assertTrue(ResultComparator.almostEqual(1, 1 + 1e-7));
        assertFalse(ResultComparator.almostEqual(1, 1.00001));
        assertTrue(ResultComparator.almostEqual(1e20, 1e20 * (1 + 1e-7)));
        assertFalse(ResultComparator.almostEqual(1e20, 1.0001e20));
        assertTrue(ResultComparator.almostEqual(-0.0000002, -0.00000020000001));
        assertTrue(ResultComparator.almostEqual(0.30000000000000004, 0.3));
    }

    @Test
    void almostEqualNearZeroIsAbsoluteAndTiny() {
        assertTrue(ResultComparator.almostEqual(0, -0.0));
        assertFalse(ResultComparator.almostEqual(0, 1e-300));
        assertFalse(ResultComparator.almostEqual(0, 1e-10));
    }

    @Test
    void nanAndInfinities() {
        assertTrue(ResultComparator.almostEqual(Double.NaN, Double.NaN));
        assertTrue(ResultComparator.almostEqual(Double.NaN, Double.longBitsToDouble(0x7ff8000000000123L)));
        assertFalse(ResultComparator.almostEqual(Double.NaN, 1));
        assertFalse(ResultComparator.almostEqual(1, Double.NaN));
        assertTrue(ResultComparator.almostEqual(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertFalse(ResultComparator.almostEqual(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertFalse(ResultComparator.almostEqual(Double.POSITIVE_INFINITY, Double.MAX_VALUE));
        // A stale marker is a NaN, but only equals a stale marker.
        assertFalse(ResultComparator.almostEqual(StaleMarker.VALUE, Double.NaN));
        assertTrue(ResultComparator.almostEqual(StaleMarker.VALUE, StaleMarker.VALUE));
    }

    // Instant vectors.

    @Test
    void vectorOrderDoesNotMatterUnlessOrdered() {
        String script = "eval instant at 0 m\n  m{i=\"a\"} 1\n  m{i=\"b\"} 2\n";
        assertNull(check(script, vector(B, 2, A, 1)));
        assertNull(check(script, vector(A, 1, B, 2)));
        String ordered = "eval instant at 0 sort(m)\n  expect ordered\n  m{i=\"b\"} 2\n  m{i=\"a\"} 1\n";
        assertNull(check(ordered, vector(B, 2, A, 1)));
        String wrongOrder = check(ordered, vector(A, 1, B, 2));
        assertTrue(wrongOrder.startsWith("expected m{i=\"b\"} at position 1"), wrongOrder);
    }

    @Test
    void vectorValuesUseTheTolerance() {
        String script = "eval instant at 0 m\n  m{i=\"a\"} 0.3\n  m{i=\"b\"} NaN\n";
        assertNull(check(script, vector(A, 0.1 + 0.2, B, Double.NaN)));
        String wrong = check(script, vector(A, 0.31, B, Double.NaN));
        assertTrue(wrong.startsWith("series m{i=\"a\"}: expected 0.3, got 0.31"), wrong);
    }

    @Test
    void vectorLabelsMustMatchExactlyIncludingTheName() {
        String withoutName = "eval instant at 0 m\n  {i=\"a\"} 1\n";
        String r = check(withoutName, vector(A, 1));
        assertTrue(r.contains("unexpected series m{i=\"a\"}") && r.contains("missing series {i=\"a\"}"), r);
        assertNull(check(withoutName, vector(A.withoutMetricName(), 1)));
    }

    @Test
    void emptyExpectationNeedsAnEmptyVector() {
        assertNull(check("eval instant at 0 m\n", vector()));
        assertNotNull(check("eval instant at 0 m\n", vector(A, 1)));
        assertNotNull(check("eval instant at 0 m\n", new ScalarResult(0, 1)));
    }

    @Test
    void duplicateSeriesInTheResultFail() {
        assertNotNull(check("eval instant at 0 m\n  m{i=\"a\"} 1\n", vector(A, 1, A, 1)));
    }

    // Scalars, strings.

    @Test
    void scalars() {
        assertNull(check("eval instant at 0 1/0\n  +Inf\n", new ScalarResult(0, Double.POSITIVE_INFINITY)));
        assertNull(check("eval instant at 0 0/0\n  NaN\n", new ScalarResult(0, Double.NaN)));
        assertNotNull(check("eval instant at 0 1\n  2\n", new ScalarResult(0, 1)));
        assertNotNull(check("eval instant at 0 vector(1)\n  1\n", vector(Labels.EMPTY, 1)));
    }

    @Test
    void strings() {
        assertNull(check("eval instant at 0 \"a\"\n  expect string \"a\"\n", new StringResult(0, "a")));
        assertNotNull(check("eval instant at 0 \"a\"\n  expect string \"b\"\n", new StringResult(0, "a")));
        assertNotNull(check("eval instant at 0 1\n  expect string \"1\"\n", new ScalarResult(0, 1)));
    }

    // Matrices.

    @Test
    void rangeResultsPerStepWithGaps() {
        String script = "eval range from 0 to 2m step 1m m\n  m{i=\"a\"} _ 3 5\n  m{i=\"b\"} 1x2\n";
        MatrixResult good = new MatrixResult(List.of(
                new SeriesResult(A, new long[] {60_000, 120_000}, new double[] {3, 5}),
                new SeriesResult(B, new long[] {0, 60_000, 120_000}, new double[] {1, 1, 1})));
        assertNull(check(script, good));
        MatrixResult shifted = new MatrixResult(List.of(
                new SeriesResult(A, new long[] {0, 60_000}, new double[] {3, 5}),
                new SeriesResult(B, new long[] {0, 60_000, 120_000}, new double[] {1, 1, 1})));
        String r = check(script, shifted);
        assertTrue(r.startsWith("series m{i=\"a\"}: expected 3@60s 5@120s, got 3@0s 5@60s"), r);
        assertNotNull(check(script, vector(A, 1)));
    }

    @Test
    void rangeSeriesWithOnlyGapsMustBeAbsent() {
        String script = "eval range from 0 to 1m step 1m m\n  m{i=\"a\"} _ _\n";
        assertNull(check(script, new MatrixResult(List.of())));
        assertNotNull(check(script, new MatrixResult(List.of(new SeriesResult(A, new long[] {0}, new double[] {1})))));
    }

    @Test
    void instantRangeVector() {
        String script = "eval instant at 1m m[1m]\n  expect range vector from 10s to 30s step 10s\n  m{i=\"a\"} 2 _ 4\n";
        assertNull(check(script, new MatrixResult(List.of(
                new SeriesResult(A, new long[] {10_000, 30_000}, new double[] {2, 4})))));
        assertNotNull(check(script, vector(A, 2)));
        // Without the directive, a matrix is not what an instant eval expects.
        assertNotNull(check("eval instant at 1m m[1m]\n  m{i=\"a\"} 2\n", new MatrixResult(List.of(
                new SeriesResult(A, new long[] {10_000}, new double[] {2})))));
    }

    // Failures.

    @Test
    void expectFail() {
        Command.Eval any = eval("eval instant at 0 x\n  expect fail\n");
        PromQLException bad = new PromQLException(ErrorType.BAD_DATA, "1:1: parse error: oops");
        assertNull(ResultComparator.check(any, QueryOutcome.failed(bad)));
        assertNotNull(ResultComparator.check(any, QueryOutcome.of(vector())));
        Command.Eval msg = eval("eval instant at 0 x\n  expect fail msg: 1:1: parse error: oops\n");
        assertNull(ResultComparator.check(msg, QueryOutcome.failed(bad)));
        Command.Eval otherMsg = eval("eval instant at 0 x\n  expect fail msg: parse error\n");
        assertNotNull(ResultComparator.check(otherMsg, QueryOutcome.failed(bad)));
        Command.Eval regex = eval("eval instant at 0 x\n  expect fail regex: parse error: o+\n");
        assertNull(ResultComparator.check(regex, QueryOutcome.failed(bad)));
        Command.Eval otherRegex = eval("eval instant at 0 x\n  expect fail regex: ^parse\n");
        assertNotNull(ResultComparator.check(otherRegex, QueryOutcome.failed(bad)));
    }

    @Test
    void aCrashIsNotTheExpectedFailure() {
        Command.Eval any = eval("eval instant at 0 x\n  expect fail\n");
        PromQLException crash = new PromQLException(ErrorType.INTERNAL, "boom", new ClassCastException("boom"));
        assertNotNull(ResultComparator.check(any, QueryOutcome.failed(crash)));
        assertNotNull(ResultComparator.check(any, QueryOutcome.failed(new StackOverflowError())));
        PromQLException storage = new PromQLException(ErrorType.INTERNAL, "disk", new StorageException("disk", false));
        assertNull(ResultComparator.check(any, QueryOutcome.failed(storage)));
    }

    @Test
    void unexpectedErrorsAndTimeoutsFail() {
        Command.Eval e = eval("eval instant at 0 x\n");
        String r = ResultComparator.check(e, QueryOutcome.failed(new PromQLException(ErrorType.EXECUTION, "nope")));
        assertTrue(r.equals("unexpected error (execution): nope"), r);
        assertNotNull(ResultComparator.check(e, QueryOutcome.timeout()));
        assertNotNull(ResultComparator.check(eval("eval instant at 0 x\n  expect fail\n"), QueryOutcome.timeout()));
    }
}
