package io.pharos.promql.promqltest;

import io.pharos.promql.notation.SeriesLine;
import io.pharos.promql.notation.ScriptValue;
import io.pharos.promql.QueryResult;
import io.pharos.promql.QueryResult.MatrixResult;
import io.pharos.promql.QueryResult.ScalarResult;
import io.pharos.promql.QueryResult.StringResult;
import io.pharos.promql.QueryResult.VectorResult;
import io.pharos.promql.Sample;
import io.pharos.promql.SeriesResult;
import io.pharos.promql.promqltest.Expectations.Failure;
import io.pharos.spi.model.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a query's outcome with an eval's expectations the way Prometheus' promqltest does:
 * <ul>
 * <li>instant vectors: the same set of label sets (metric name included when present), each with
 * an almost-equal value; order only matters with {@code expect ordered}; sample timestamps are
 * not compared</li>
 * <li>matrices (range queries, and instant queries with {@code expect range vector}): the k-th
 * expected value belongs to {@code start + k*step}, {@code _} means no point there; every
 * series must have exactly the expected points. An expected series whose values are all {@code _}
 * must be absent from the result (Prometheus would instead count it towards the expected number
 * of series, which no result could then meet; the corpus has no such line)</li>
 * <li>scalars and strings by value</li>
 * <li>{@code expect fail}: any query error, with the exact message for {@code msg:} or a
 * (Java, unanchored) regex match for {@code regex:}; an engine crash does not count</li>
 * </ul>
 * Floats are equal per {@link #almostEqual}.
 */
final class ResultComparator {
    /** Prometheus' promqltest epsilon: values agree to about six significant digits. */
    private static final int MAX_PROBLEMS = 5;

    private ResultComparator() {
    }

    /**
     * promqltest's float comparison (relative epsilon 1e-6, NaN equals NaN, stale markers only
     * stale markers): the test kit's, which plugin tests use too.
     */
    static boolean almostEqual(double a, double b) {
        return io.pharos.testkit.promql.Result.almostEqual(a, b);
    }

    /** Null when {@code got} meets the expectations of {@code eval}, else what differs. */
    static String check(Command.Eval eval, QueryOutcome got) {
        Expectations e = eval.expect();
        if (got.timedOut()) {
            return "no result within the time limit";
        }
        if (e.failure() != null) {
            return checkFailure(e.failure(), got);
        }
        if (got.error() != null) {
            return "unexpected " + got.describeError();
        }
        QueryResult r = got.result();
        if (eval instanceof Command.EvalRange range) {
            if (!(r instanceof MatrixResult m)) {
                return "expected a matrix, got " + ResultFormat.describe(r);
            }
            return compareMatrix(m.series(), e.series(), range.startMs(), range.stepMs());
        }
        if (e.string() != null) {
            if (r instanceof StringResult s && s.v().equals(e.string())) {
                return null;
            }
            return "expected string \"" + e.string() + "\", got " + ResultFormat.describe(r);
        }
        if (e.rangeVector() != null) {
            if (!(r instanceof MatrixResult m)) {
                return "expected a range vector, got " + ResultFormat.describe(r);
            }
            return compareMatrix(m.series(), e.series(), e.rangeVector().startMs(), e.rangeVector().stepMs());
        }
        if (e.scalar() != null) {
            if (r instanceof ScalarResult s && almostEqual(e.scalar(), s.v())) {
                return null;
            }
            return "expected scalar " + ResultFormat.number(e.scalar()) + ", got " + ResultFormat.describe(r);
        }
        if (!(r instanceof VectorResult v)) {
            return "expected a vector of " + e.series().size() + " series" + ResultFormat.expected(e.series())
                    + "\n  got " + ResultFormat.describe(r);
        }
        return compareVector(v.samples(), e.series(), e.ordered());
    }

    private static String checkFailure(Failure f, QueryOutcome got) {
        if (got.result() != null) {
            return "expected an error, got " + ResultFormat.describe(got.result());
        }
        if (got.crashed()) {
            return "expected an error, but the " + got.describeError();
        }
        String message = got.error().getMessage();
        if (f.message() != null && !f.message().equals(message)) {
            return "expected error message \"" + f.message() + "\", got \"" + message + "\"";
        }
        if (f.regex() != null && (message == null || !f.regex().matcher(message).find())) {
            return "expected an error matching /" + f.regex() + "/, got \"" + message + "\"";
        }
        return null;
    }

    /** Null when the instant vector matches the expected lines (one value each). */
    static String compareVector(List<Sample> got, List<SeriesLine> expected, boolean ordered) {
        Map<Labels, SeriesLine> byLabels = index(expected);
        List<String> problems = new ArrayList<>();
        Set<Labels> seen = new HashSet<>();
        for (Sample s : got) {
            if (!seen.add(s.labels())) {
                problems.add("series " + s.labels() + " appears twice in the result");
                continue;
            }
            SeriesLine exp = byLabels.get(s.labels());
            if (exp == null) {
                problems.add("unexpected series " + s.labels() + " " + ResultFormat.number(s.v()));
                continue;
            }
            ScriptValue want = exp.values().get(0);
            if (want.kind() != ScriptValue.Kind.FLOAT || !almostEqual(want.value(), s.v())) {
                problems.add("series " + s.labels() + ": expected " + want + ", got " + ResultFormat.number(s.v()));
            }
        }
        for (SeriesLine exp : expected) {
            if (!seen.contains(exp.labels())) {
                problems.add("missing series " + exp.labels());
            }
        }
        if (problems.isEmpty() && ordered) {
            for (int i = 0; i < got.size(); i++) {
                if (!got.get(i).labels().equals(expected.get(i).labels())) {
                    problems.add("expected " + expected.get(i).labels() + " at position " + (i + 1) + ", got "
                            + got.get(i).labels());
                    break;
                }
            }
        }
        return problems.isEmpty() ? null
                : summarize(problems) + "\n  expected:" + ResultFormat.expected(expected) + "\n  got:"
                        + ResultFormat.vector(got);
    }

    /**
     * Null when the matrix matches the expected lines, the k-th value of each belonging to
     * {@code start + k*step}.
     */
    static String compareMatrix(List<SeriesResult> got, List<SeriesLine> expected, long start, long step) {
        Map<Labels, SeriesLine> byLabels = index(expected);
        List<String> problems = new ArrayList<>();
        Set<Labels> seen = new HashSet<>();
        for (SeriesResult s : got) {
            if (s.size() == 0) {
                continue;
            }
            if (!seen.add(s.labels())) {
                problems.add("series " + s.labels() + " appears twice in the result");
                continue;
            }
            SeriesLine exp = byLabels.get(s.labels());
            if (exp == null || pointCount(exp) == 0) {
                problems.add("unexpected series " + ResultFormat.points(s));
            } else if (!pointsMatch(exp, s, start, step)) {
                problems.add("series " + s.labels() + ": expected " + expectedPoints(exp, start, step) + ", got "
                        + ResultFormat.points(s).substring(s.labels().toString().length()).strip());
            }
        }
        for (SeriesLine exp : expected) {
            if (!seen.contains(exp.labels()) && pointCount(exp) > 0) {
                problems.add("missing series " + exp.labels());
            }
        }
        return problems.isEmpty() ? null
                : summarize(problems) + "\n  expected (from " + ResultFormat.seconds(start) + " step "
                        + ResultFormat.seconds(step) + "):" + ResultFormat.expected(expected) + "\n  got:"
                        + ResultFormat.matrix(got);
    }

    private static boolean pointsMatch(SeriesLine exp, SeriesResult s, long start, long step) {
        int j = 0;
        List<ScriptValue> values = exp.values();
        for (int k = 0; k < values.size(); k++) {
            ScriptValue v = values.get(k);
            if (v.kind() == ScriptValue.Kind.MISSING) {
                continue;
            }
            if (v.kind() != ScriptValue.Kind.FLOAT || j >= s.size() || s.timestamps()[j] != start + k * step
                    || !almostEqual(v.value(), s.values()[j])) {
                return false;
            }
            j++;
        }
        return j == s.size();
    }

    private static int pointCount(SeriesLine exp) {
        int n = 0;
        for (ScriptValue v : exp.values()) {
            if (v.kind() != ScriptValue.Kind.MISSING) {
                n++;
            }
        }
        return n;
    }

    private static String expectedPoints(SeriesLine exp, long start, long step) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < exp.values().size(); k++) {
            ScriptValue v = exp.values().get(k);
            if (v.kind() != ScriptValue.Kind.MISSING) {
                sb.append(sb.length() == 0 ? "" : " ").append(v).append('@').append(ResultFormat.seconds(start + k * step));
            }
        }
        return sb.toString();
    }

    private static Map<Labels, SeriesLine> index(List<SeriesLine> expected) {
        Map<Labels, SeriesLine> out = new LinkedHashMap<>();
        for (SeriesLine l : expected) {
            out.putIfAbsent(l.labels(), l);
        }
        return out;
    }

    private static String summarize(List<String> problems) {
        StringBuilder sb = new StringBuilder(problems.get(0));
        for (int i = 1; i < Math.min(problems.size(), MAX_PROBLEMS); i++) {
            sb.append("; ").append(problems.get(i));
        }
        if (problems.size() > MAX_PROBLEMS) {
            sb.append("; and ").append(problems.size() - MAX_PROBLEMS).append(" more differences");
        }
        return sb.toString();
    }
}
