package io.pharos.promql.internal;

import io.pharos.promql.PromQLException;
import io.pharos.promql.QueryResult;
import io.pharos.promql.QueryResult.MatrixResult;
import io.pharos.promql.QueryResult.ScalarResult;
import io.pharos.promql.QueryResult.StringResult;
import io.pharos.promql.QueryResult.VectorResult;
import io.pharos.promql.Sample;
import io.pharos.promql.SeriesResult;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.model.SampleType;
import io.pharos.spi.model.Series;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.model.StaleMarker;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.SelectHints;
import io.pharos.spi.promql.ValueType;
import io.pharos.storage.Storage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates parsed expressions against storage. An instant vector selector takes, per series, the
 * newest sample in the lookback window {@code (t - lookbackDelta, t]}, unless it is a staleness
 * marker. Thread-safe: it keeps no per-query state.
 */
final class Evaluator {
    private final Storage storage;
    private final long lookbackDeltaMs;

    Evaluator(Storage storage, long lookbackDeltaMs) {
        if (lookbackDeltaMs <= 0) {
            throw new IllegalArgumentException("lookback delta must be positive, got " + lookbackDeltaMs);
        }
        this.storage = Objects.requireNonNull(storage, "storage");
        this.lookbackDeltaMs = lookbackDeltaMs;
    }

    QueryResult instant(Expr expr, long t) {
        expr = supported(expr);
        if (expr instanceof NumberLiteral n) {
            return new ScalarResult(t, n.value());
        }
        if (expr instanceof StringLiteral s) {
            return new StringResult(t, s.value());
        }
        return new VectorResult(selectInstant((VectorSelector) expr, t));
    }

    /** Range evaluation; the parameters must have been validated (end >= start, step > 0). */
    QueryResult range(Expr expr, long start, long end, long step) {
        if (expr.type() != ValueType.SCALAR && expr.type() != ValueType.VECTOR) {
            // Checked before evaluation, as Prometheus does when it creates a range query.
            throw new PromQLException(PromQLException.ErrorType.BAD_DATA, "invalid expression type "
                    + GoStrings.quote(Checker.documented(expr.type())) + " for range query, must be Scalar or instant Vector");
        }
        expr = supported(expr);
        int steps = Math.toIntExact((end - start) / step + 1);
        if (expr instanceof NumberLiteral n) {
            // Prometheus turns a scalar into one label-less series with a point per step.
            long[] ts = new long[steps];
            double[] vs = new double[steps];
            for (int i = 0; i < steps; i++) {
                ts[i] = start + i * step;
                vs[i] = n.value();
            }
            return new MatrixResult(List.of(new SeriesResult(Labels.EMPTY, ts, vs)));
        }
        return new MatrixResult(selectRange((VectorSelector) expr, start, end, step, steps));
    }

    /**
     * The expression to evaluate, without redundant parentheses, if this slice of the engine can
     * evaluate it: literals and plain instant vector selectors. Anything else fails with an
     * execution error naming the construct, rather than with a wrong result.
     */
    private static Expr supported(Expr expr) {
        while (expr instanceof ParenExpr p) {
            expr = p.expr();
        }
        if (expr instanceof NumberLiteral || expr instanceof StringLiteral) {
            return expr;
        }
        if (expr instanceof VectorSelector vs) {
            if (vs.hasOffset()) {
                throw notSupported("offset modifier");
            }
            if (vs.at() != null) {
                throw notSupported("@ modifier");
            }
            if (vs.extension() != VectorSelector.Extension.NONE) {
                throw notSupported(vs.extension() == VectorSelector.Extension.ANCHORED ? "anchored modifier" : "smoothed modifier");
            }
            return vs;
        }
        String construct;
        if (expr instanceof MatrixSelector) {
            construct = "range vector selector";
        } else if (expr instanceof SubqueryExpr) {
            construct = "subquery";
        } else if (expr instanceof AggregateExpr) {
            construct = "aggregation";
        } else if (expr instanceof Call) {
            construct = "function call";
        } else if (expr instanceof BinaryExpr) {
            construct = "binary operator";
        } else if (expr instanceof UnaryExpr) {
            construct = "unary operator";
        } else {
            construct = "duration expression";
        }
        throw notSupported(construct);
    }

    private static PromQLException notSupported(String construct) {
        return new PromQLException(PromQLException.ErrorType.EXECUTION, construct + " is not supported yet");
    }

    private List<Sample> selectInstant(VectorSelector vs, long t) {
        long mint = windowStart(t) + 1;
        List<Sample> out = new ArrayList<>();
        try (Querier querier = storage.querier(mint, t);
                SeriesSet set = querier.select(true, new SelectHints(mint, t, 0, "", 0, false), vs.matchers())) {
            while (set.next()) {
                Series series = set.at();
                SampleIterator it = series.iterator();
                boolean found = false;
                SampleType lastType = SampleType.NONE;
                double lastValue = 0;
                for (SampleType st = it.seek(mint); st != SampleType.NONE; st = it.next()) {
                    if (it.timestamp() > t) {
                        break;
                    }
                    found = true;
                    lastType = st;
                    if (st == SampleType.FLOAT) {
                        lastValue = it.value();
                    }
                }
                // Histogram samples cannot be represented yet; a series ending in one is left out.
                if (found && lastType == SampleType.FLOAT && !StaleMarker.isStale(lastValue)) {
                    out.add(new Sample(series.labels(), t, lastValue));
                }
            }
        }
        out.sort(Comparator.comparing(Sample::labels));
        return out;
    }

    /**
     * One select over the whole range, then one forward pass per series: at each step the iterator
     * is advanced past the step time, remembering the newest sample seen; when the window has moved
     * beyond the current sample, {@link SampleIterator#seek} skips ahead instead of reading every
     * sample in between.
     */
    private List<SeriesResult> selectRange(VectorSelector vs, long start, long end, long step, int steps) {
        long mint = windowStart(start) + 1;
        List<SeriesResult> out = new ArrayList<>();
        PointBuffer points = new PointBuffer(Math.min(steps, 1024));
        try (Querier querier = storage.querier(mint, end);
                SeriesSet set = querier.select(true, new SelectHints(mint, end, step, "", 0, false),
                        vs.matchers())) {
            while (set.next()) {
                Series series = set.at();
                SampleIterator it = series.iterator();
                points.clear();
                SampleType st = it.seek(mint);
                boolean have = false;
                long lastT = 0;
                SampleType lastType = SampleType.NONE;
                double lastValue = 0;
                for (int i = 0; i < steps; i++) {
                    long t = start + i * step;
                    long windowStart = windowStart(t);
                    if (st != SampleType.NONE && it.timestamp() <= windowStart) {
                        st = it.seek(windowStart + 1);
                        have = false; // whatever was remembered is older still
                    }
                    while (st != SampleType.NONE && it.timestamp() <= t) {
                        have = true;
                        lastT = it.timestamp();
                        lastType = st;
                        if (st == SampleType.FLOAT) {
                            lastValue = it.value();
                        }
                        st = it.next();
                    }
                    if (have && lastT > windowStart && lastType == SampleType.FLOAT
                            && !StaleMarker.isStale(lastValue)) {
                        points.add(t, lastValue);
                    }
                }
                if (points.size() > 0) {
                    out.add(new SeriesResult(series.labels(), points.timestamps(), points.values()));
                }
            }
        }
        out.sort(Comparator.comparing(SeriesResult::labels));
        return out;
    }

    /** The exclusive start of the lookback window ending at {@code t}, without overflowing. */
    private long windowStart(long t) {
        return t < Long.MIN_VALUE + lookbackDeltaMs ? Long.MIN_VALUE : t - lookbackDeltaMs;
    }
}
