package io.pharos.promql.internal;

import io.pharos.promql.PromQLException;
import io.pharos.promql.PromQLException.ErrorType;
import io.pharos.promql.QueryResult;
import io.pharos.promql.QueryResult.Annotations;
import io.pharos.promql.QueryResult.MatrixResult;
import io.pharos.promql.QueryResult.ScalarResult;
import io.pharos.promql.QueryResult.StringResult;
import io.pharos.promql.QueryResult.VectorResult;
import io.pharos.promql.Sample;
import io.pharos.promql.SeriesResult;
import io.pharos.promql.internal.EvalValue.Matrix;
import io.pharos.promql.internal.EvalValue.RangeSeries;
import io.pharos.promql.internal.EvalValue.Scalar;
import io.pharos.promql.internal.EvalValue.Str;
import io.pharos.promql.internal.EvalValue.Vector;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.model.SampleType;
import io.pharos.spi.model.Series;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.model.StaleMarker;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.SelectHints;
import io.pharos.storage.Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates one query. The tree is evaluated node by node for all steps at once, as Prometheus
 * does: every node produces its value over the whole frame (series-major for vectors, a value per
 * step for scalars), and the node above combines those step by step. Selectors read each matching
 * series once over the whole time range the steps need and serve all steps from primitive buffers
 * with pointers that only move forward. Not thread-safe: one instance per query.
 */
final class Evaluator {
    static final String TYPE_LABEL = "__type__";
    static final String UNIT_LABEL = "__unit__";

    final Storage storage;
    final EngineSettings settings;
    final QueryContext ctx;
    final Map<String, PromQLFunction> functions;
    /** The query's own start, end and step (0 for an instant query): @ start(), step(), range(). */
    final long queryStart;
    final long queryEnd;
    final long queryStep;
    final long lookback;
    final boolean delayedNameRemoval;
    /** The query text, for the positions of annotations. */
    final String query;
    /** Annotations in the order reported; duplicates are dropped, as Prometheus' annotation set does. */
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Set<String> infos = new LinkedHashSet<>();
    private final SampleBuffer buffer = new SampleBuffer();
    /** The function or aggregation a selector is an argument of, for the storage hints. */
    String funcHint = "";

    Evaluator(Storage storage, EngineSettings settings, QueryContext ctx, Map<String, PromQLFunction> functions,
            long queryStart, long queryEnd, long queryStep) {
        this(storage, settings, ctx, functions, "", queryStart, queryEnd, queryStep);
    }

    Evaluator(Storage storage, EngineSettings settings, QueryContext ctx, Map<String, PromQLFunction> functions,
            String query, long queryStart, long queryEnd, long queryStep) {
        this.query = query == null ? "" : query;
        this.storage = storage;
        this.settings = settings;
        this.ctx = ctx;
        this.functions = functions;
        this.queryStart = queryStart;
        this.queryEnd = queryEnd;
        this.queryStep = queryStep;
        this.lookback = settings.lookbackDeltaMs();
        this.delayedNameRemoval = settings.delayedNameRemoval();
    }

    // ---------------------------------------------------------------- annotations

    /** Adds a warning about the expression at {@code pos}: {@code PromQL warning: <message> (line:col)}. */
    void warn(String message, PositionRange pos) {
        warnings.add("PromQL warning: " + message + " (" + startPos(query, pos) + ")");
    }

    /** Adds an info annotation about the expression at {@code pos}: {@code PromQL info: <message> (line:col)}. */
    void info(String message, PositionRange pos) {
        infos.add("PromQL info: " + message + " (" + startPos(query, pos) + ")");
    }

    /** The annotations reported so far. */
    Annotations annotations() {
        return warnings.isEmpty() && infos.isEmpty() ? Annotations.NONE
                : new Annotations(List.copyOf(warnings), List.copyOf(infos));
    }

    /**
     * Where {@code pos} starts, as Prometheus' {@code PositionRange.StartPosInput} writes it: the
     * 1-based line and the 1-based column in bytes (of UTF-8) within that line.
     */
    static String startPos(String query, PositionRange pos) {
        if (pos == null || pos.start() < 0) {
            return "unknown position";
        }
        int[] at = ParseException.lineAndLineStart(query, pos.start());
        int col = query.substring(at[1], at[2]).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
        return at[0] + ":" + col;
    }

    // ---------------------------------------------------------------- queries

    QueryResult instant(Expr expr, long t) {
        Frame f = new Frame(t, t, 1);
        Expr top = unwrap(expr);
        if (expr.type() == ValueType.MATRIX) {
            Matrix m = top instanceof MatrixSelector ms ? matrixSelector(ms, f) : subquery((SubqueryExpr) top, f);
            return matrixResult(m);
        }
        EvalValue v = eval(expr, f);
        if (v instanceof Scalar s) {
            return new ScalarResult(t, s.values()[0]);
        }
        if (v instanceof Str s) {
            return new StringResult(t, s.value());
        }
        List<StepSeries> series = cleanup(((Vector) v).series(), true);
        List<Sample> out = new ArrayList<>(series.size());
        for (StepSeries s : series) {
            if (s.has(0)) {
                out.add(new Sample(s.labels, t, s.value(0)));
            }
        }
        if (!keepsOrder(top)) {
            out.sort(Comparator.comparing(Sample::labels));
        }
        return new VectorResult(out);
    }

    QueryResult range(Expr expr, long start, long end, long step) {
        Frame f = new Frame(start, end, step);
        EvalValue v = eval(expr, f);
        int steps = f.steps();
        List<SeriesResult> out = new ArrayList<>();
        if (v instanceof Scalar s) {
            long[] ts = new long[steps];
            for (int i = 0; i < steps; i++) {
                ts[i] = f.time(i);
            }
            out.add(new SeriesResult(Labels.EMPTY, ts, s.values().clone()));
            return new MatrixResult(out);
        }
        for (StepSeries s : cleanup(((Vector) v).series(), false)) {
            int n = s.count();
            if (n == 0) {
                continue;
            }
            long[] ts = new long[n];
            double[] vs = new double[n];
            int k = 0;
            for (int i = Math.max(0, s.firstStep()); i < s.endStep() && i < steps; i++) {
                if (s.has(i)) {
                    ts[k] = f.time(i);
                    vs[k] = s.value(i);
                    k++;
                }
            }
            out.add(new SeriesResult(s.labels, k == n ? ts : Arrays.copyOf(ts, k), k == n ? vs : Arrays.copyOf(vs, k)));
        }
        out.sort(Comparator.comparing(SeriesResult::labels));
        return new MatrixResult(out);
    }

    /** Whether an instant result keeps the order its top node produced (sort functions, topk, ...). */
    private static boolean keepsOrder(Expr top) {
        if (top instanceof Call c) {
            String n = c.function().name();
            return n.equals("sort") || n.equals("sort_desc") || n.equals("sort_by_label")
                    || n.equals("sort_by_label_desc");
        }
        if (top instanceof AggregateExpr a) {
            return a.op() == AggregateOp.TOPK || a.op() == AggregateOp.BOTTOMK;
        }
        return false;
    }

    private QueryResult matrixResult(Matrix m) {
        List<SeriesResult> out = new ArrayList<>();
        RangeWindows w = new RangeWindows(m);
        w.advance(0);
        for (int k = 0; k < w.size(); k++) {
            int n = w.sampleCount(k);
            long[] ts = new long[n];
            double[] vs = new double[n];
            for (int j = 0; j < n; j++) {
                ts[j] = w.timestamp(k, j);
                vs[j] = w.value(k, j);
            }
            RangeSeries rs = w.seriesAt(k);
            Labels l = rs.dropName && delayedNameRemoval ? dropMetadata(rs.labels) : rs.labels;
            out.add(new SeriesResult(l, ts, vs));
        }
        out.sort(Comparator.comparing(SeriesResult::labels));
        return new MatrixResult(out);
    }

    /**
     * The final step of delayed name removal: drops the metric name of flagged series, then merges
     * series that end up with the same labels, which must not share a step.
     */
    private List<StepSeries> cleanup(List<StepSeries> series, boolean instant) {
        if (!delayedNameRemoval) {
            return series;
        }
        boolean any = false;
        for (StepSeries s : series) {
            if (s.dropName) {
                s.labels = dropMetadata(s.labels);
                any = true;
            }
        }
        if (!any) {
            return series;
        }
        Map<Labels, StepSeries> byLabels = new HashMap<>();
        List<StepSeries> out = new ArrayList<>(series.size());
        for (StepSeries s : series) {
            StepSeries prev = byLabels.putIfAbsent(s.labels, s);
            if (prev == null) {
                out.add(s);
                continue;
            }
            for (int i = Math.max(0, s.firstStep()); i < s.endStep(); i++) {
                if (s.has(i) && !prev.set(i, s.value(i))) {
                    throw duplicateLabelset();
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- dispatch

    static Expr unwrap(Expr e) {
        while (e instanceof ParenExpr p) {
            e = p.expr();
        }
        return e;
    }

    EvalValue eval(Expr e, Frame f) {
        ctx.check();
        if (f.steps() > 1 && !(e instanceof NumberLiteral) && !(e instanceof StringLiteral)
                && e.type() != ValueType.MATRIX && stepInvariant(e)) {
            // As Prometheus does: evaluated once, at the first step, and repeated at every step.
            return replicate(dispatch(e, new Frame(f.start(), f.start(), f.interval())), f.steps());
        }
        return dispatch(e, f);
    }

    private final Map<Expr, Boolean> invariance = new IdentityHashMap<>();

    /**
     * Whether a node yields the same at every step, by Prometheus' rules: selectors and subqueries
     * with @, literals, and what is built from those only (an aggregation by its input alone;
     * functions that read the evaluation time are never invariant).
     */
    boolean stepInvariant(Expr e) {
        Boolean known = invariance.get(e);
        if (known != null) {
            return known;
        }
        boolean r;
        if (e instanceof NumberLiteral || e instanceof StringLiteral || e instanceof DurationExpr) {
            r = true;
        } else if (e instanceof VectorSelector vs) {
            r = vs.at() != null;
        } else if (e instanceof MatrixSelector ms) {
            r = ms.selector().at() != null;
        } else if (e instanceof SubqueryExpr sq) {
            r = sq.at() != null;
        } else if (e instanceof ParenExpr p) {
            r = stepInvariant(p.expr());
        } else if (e instanceof UnaryExpr u) {
            r = stepInvariant(u.expr());
        } else if (e instanceof BinaryExpr b) {
            r = stepInvariant(b.lhs()) && stepInvariant(b.rhs());
        } else if (e instanceof AggregateExpr a) {
            r = stepInvariant(a.expr());
        } else if (e instanceof Call c) {
            r = !AT_UNSAFE_FUNCTIONS.contains(c.function().name());
            for (Expr arg : c.args()) {
                r &= stepInvariant(arg);
            }
        } else {
            r = false;
        }
        invariance.put(e, r);
        return r;
    }

    /** Functions whose result depends on the evaluation time or sample timestamps (Prometheus' list). */
    static final java.util.Set<String> AT_UNSAFE_FUNCTIONS = java.util.Set.of("days_in_month", "day_of_month",
            "day_of_week", "day_of_year", "hour", "minute", "month", "year", "predict_linear", "time", "timestamp");

    private static EvalValue replicate(EvalValue v, int steps) {
        if (v instanceof Scalar s) {
            double[] out = new double[steps];
            Arrays.fill(out, s.values().length > 0 ? s.values()[0] : Double.NaN);
            return new Scalar(out);
        }
        if (!(v instanceof Vector vec)) {
            return v;
        }
        List<StepSeries> out = new ArrayList<>(vec.series().size());
        for (StepSeries s : vec.series()) {
            if (!s.has(0)) {
                continue;
            }
            StepSeries r = new StepSeries(s.labels, s.dropName, steps);
            double value = s.value(0);
            for (int i = 0; i < steps; i++) {
                if (s.hasTimes()) {
                    r.set(i, value, s.time(0));
                } else {
                    r.set(i, value);
                }
            }
            out.add(r);
        }
        return new Vector(out);
    }

    private EvalValue dispatch(Expr e, Frame f) {
        if (e instanceof ParenExpr p) {
            return eval(p.expr(), f);
        }
        if (e instanceof NumberLiteral n) {
            return constant(n.value(), f);
        }
        if (e instanceof StringLiteral s) {
            return new Str(s.value());
        }
        if (e instanceof VectorSelector vs) {
            return vectorSelector(vs, f);
        }
        if (e instanceof UnaryExpr u) {
            return unary(u, f);
        }
        if (e instanceof BinaryExpr b) {
            String saved = funcHint;
            funcHint = "";
            try {
                return BinaryEval.eval(this, b, f);
            } finally {
                funcHint = saved;
            }
        }
        if (e instanceof AggregateExpr a) {
            return AggregationEval.eval(this, a, f);
        }
        if (e instanceof Call c) {
            return CallEval.eval(this, c, f);
        }
        if (e instanceof DurationExpr d) {
            return constant(durationSeconds(d), f);
        }
        if (e instanceof MatrixSelector ms) {
            return matrixSelector(ms, f);
        }
        if (e instanceof SubqueryExpr sq) {
            return subquery(sq, f);
        }
        throw new PromQLException(ErrorType.INTERNAL, "unexpected expression " + e.getClass().getSimpleName());
    }

    /** Evaluates an argument that must be a range vector (parentheses allowed). */
    Matrix evalMatrix(Expr e, Frame f) {
        Expr u = unwrap(e);
        if (u instanceof MatrixSelector ms) {
            return matrixSelector(ms, f);
        }
        if (u instanceof SubqueryExpr sq) {
            return subquery(sq, f);
        }
        throw new PromQLException(ErrorType.INTERNAL, "expected a range vector, got " + u.getClass().getSimpleName());
    }

    static Scalar constant(double v, Frame f) {
        double[] vs = new double[f.steps()];
        Arrays.fill(vs, v);
        return new Scalar(vs);
    }

    private EvalValue unary(UnaryExpr u, Frame f) {
        EvalValue v = eval(u.expr(), f);
        if (u.op() != Operator.SUB) {
            return v;
        }
        if (v instanceof Scalar s) {
            double[] out = new double[s.values().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = -s.values()[i];
            }
            return new Scalar(out);
        }
        Outputs out = new Outputs(f.steps());
        for (StepSeries s : ((Vector) v).series()) {
            StepSeries o = delayedNameRemoval ? out.get(s.labels, true) : out.get(dropMetadata(s.labels), false);
            for (int i = Math.max(0, s.firstStep()); i < s.endStep(); i++) {
                if (s.has(i)) {
                    out.put(o, i, -s.value(i));
                }
            }
        }
        return out.vector();
    }

    // ---------------------------------------------------------------- durations, offsets, @

    long offsetMs(VectorSelector vs) {
        return vs.offsetExpr() != null ? durationMs(vs.offsetExpr()) : vs.offsetMs();
    }

    long offsetMs(SubqueryExpr sq) {
        return sq.offsetExpr() != null ? durationMs(sq.offsetExpr()) : sq.offsetMs();
    }

    /** The time of an @ modifier, or null. */
    Long atMs(AtModifier at) {
        if (at == null) {
            return null;
        }
        return switch (at.kind()) {
            case TIMESTAMP -> at.timestampMs();
            case START -> queryStart;
            case END -> queryEnd;
        };
    }

    long durationMs(DurationExpr d) {
        return Durations.secondsToMillis(durationSeconds(d));
    }

    double durationSeconds(Expr e) {
        if (e instanceof NumberLiteral n) {
            return n.value();
        }
        if (e instanceof ParenExpr p) {
            return durationSeconds(p.expr());
        }
        DurationExpr d = (DurationExpr) e;
        switch (d.op()) {
            case STEP:
                return queryStep / 1000.0;
            case RANGE:
                return (queryEnd - queryStart) / 1000.0;
            default:
                break;
        }
        double r = durationSeconds(d.rhs());
        if (d.lhs() == null) {
            return d.op() == DurationExpr.Op.SUB ? -r : r;
        }
        double l = durationSeconds(d.lhs());
        return switch (d.op()) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> {
                if (r == 0) {
                    throw new PromQLException(ErrorType.EXECUTION, "division by zero");
                }
                yield l / r;
            }
            case MOD -> {
                if (r == 0) {
                    throw new PromQLException(ErrorType.EXECUTION, "modulo by zero");
                }
                yield l % r;
            }
            case POW -> GoMath.pow(l, r);
            case MIN_OF -> Math.min(l, r);
            case MAX_OF -> Math.max(l, r);
            default -> throw new IllegalStateException(d.op().toString());
        };
    }

    /** The reference times of a selector or subquery: per step, or one for all with @. */
    long[] windowEnds(Frame f, Long at, long offset) {
        if (at != null) {
            return new long[] {at - offset};
        }
        int n = f.steps();
        long[] ends = new long[n];
        for (int i = 0; i < n; i++) {
            ends[i] = f.time(i) - offset;
        }
        return ends;
    }

    // ---------------------------------------------------------------- selectors

    /**
     * An instant vector selector: per step, the newest sample in {@code (ref - lookback, ref]} unless
     * it is a staleness marker (or a histogram, which cannot be represented yet).
     */
    Vector vectorSelector(VectorSelector vs, Frame f) {
        return vectorSelector(vs, f, false, false);
    }

    /**
     * {@link #vectorSelector(VectorSelector, Frame)} for a function argument. {@code timesOnly}: the
     * function reads only the samples' times ({@code timestamp}, {@code start_timestamp}), so the
     * sample times are kept and histogram samples count too, with value NaN. {@code starts}: the
     * samples' start timestamps are kept.
     */
    Vector vectorSelector(VectorSelector vs, Frame f, boolean timesOnly, boolean starts) {
        int steps = f.steps();
        long offset = offsetMs(vs);
        long[] refs = windowEnds(f, atMs(vs.at()), offset);
        boolean smoothed = vs.extension() == VectorSelector.Extension.SMOOTHED;
        long minRef = refs[0];
        long maxRef = refs[refs.length - 1];
        long mint = minRef - lookback + 1;
        long maxt = smoothed ? maxRef + lookback : maxRef;
        List<StepSeries> out = new ArrayList<>();
        if (steps == 0) {
            return new Vector(out);
        }
        SampleBuffer b = buffer;
        try (Querier q = storage.querier(mint, maxt);
                SeriesSet set = q.select(true, new SelectHints(mint, maxt, f.interval(), funcHint, 0, false),
                        vs.matchers())) {
            while (set.next()) {
                ctx.tick();
                Series series = set.at();
                StepSeries s = new StepSeries(series.labels(), false, steps);
                if (smoothed) {
                    b.load(series.iterator(), mint, maxt, false, false);
                    smoothedSteps(b, refs, steps, s);
                } else {
                    lookbackSteps(series.iterator(), refs, steps, s, timesOnly, starts);
                }
                if (s.count() > 0) {
                    ctx.addSamples(s.count());
                    out.add(s);
                }
            }
        }
        return new Vector(out);
    }

    /**
     * One forward pass over a series for all steps: at each step the iterator is advanced past the
     * reference time, remembering the newest sample seen; when the lookback window has moved beyond
     * the current sample, {@link SampleIterator#seek} skips ahead instead of reading every sample.
     */
    private void lookbackSteps(SampleIterator it, long[] refs, int steps, StepSeries s, boolean timesOnly,
            boolean starts) {
        SampleType st = it.seek(refs[0] - lookback + 1);
        boolean have = false;
        long lastT = 0;
        SampleType lastType = SampleType.NONE;
        double lastValue = 0;
        long lastStart = 0;
        int n = refs.length == 1 ? 1 : steps;
        for (int i = 0; i < n; i++) {
            long ref = refs[i];
            long windowStart = ref - lookback;
            if (st != SampleType.NONE && it.timestamp() <= windowStart) {
                st = it.seek(windowStart + 1);
                have = false;
            }
            while (st != SampleType.NONE && it.timestamp() <= ref) {
                have = true;
                lastT = it.timestamp();
                lastType = st;
                if (st == SampleType.FLOAT) {
                    lastValue = it.value();
                }
                if (starts) {
                    lastStart = it.startTimestamp();
                }
                st = it.next();
            }
            boolean usable = lastType == SampleType.FLOAT ? !StaleMarker.isStale(lastValue)
                    : timesOnly && lastType == SampleType.HISTOGRAM;
            if (have && lastT > windowStart && usable) {
                double v = lastType == SampleType.FLOAT ? lastValue : Double.NaN;
                // With @ there is one reference time: its sample holds for every step.
                int from = refs.length == 1 ? 0 : i;
                int to = refs.length == 1 ? steps : i + 1;
                for (int k = from; k < to; k++) {
                    if (timesOnly) {
                        s.set(k, v, lastT);
                    } else {
                        s.set(k, v);
                    }
                    if (starts) {
                        s.setStart(k, lastStart);
                    }
                }
            }
        }
    }

    private boolean usable(SampleBuffer b, int j, long ref) {
        return b.ts[j] > ref - lookback && b.kinds[j] == SampleBuffer.FLOAT && !StaleMarker.isStale(b.vs[j]);
    }

    private static int lastAtOrBefore(SampleBuffer b, int from, long t) {
        int lo = from;
        int hi = b.n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (b.ts[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** The smoothed instant selector: the value at each step interpolated from its neighbours. */
    private void smoothedSteps(SampleBuffer b, long[] refs, int steps, StepSeries s) {
        for (int i = 0; i < steps; i++) {
            long ts = refs.length == 1 ? refs[0] : refs[i];
            // Samples in (ts - lookback, ts + lookback], histograms not supported.
            int lo = lastAtOrBefore(b, 0, ts - lookback) + 1;
            int hi = lastAtOrBefore(b, 0, ts + lookback) + 1;
            if (hi <= lo) {
                continue;
            }
            // First index with T >= ts.
            int k = lastAtOrBefore(b, lo, ts - 1) + 1;
            if (k < hi && b.ts[k] == ts) {
                s.set(i, b.vs[k]);
            } else if (k > lo && k < hi) {
                s.set(i, interpolate(b.ts[k - 1], b.vs[k - 1], b.ts[k], b.vs[k], ts));
            } else if (k > lo) {
                s.set(i, b.vs[k - 1]);
            }
        }
    }

    static double interpolate(long t1, double v1, long t2, double v2, long t) {
        return v1 + (v2 - v1) * (double) (t - t1) / (double) (t2 - t1);
    }

    /** A range vector selector: every float sample any step's window needs, stale markers dropped. */
    Matrix matrixSelector(MatrixSelector ms, Frame f) {
        VectorSelector vs = ms.selector();
        long range = ms.rangeExpr() != null ? durationMs(ms.rangeExpr()) : ms.rangeMs();
        long offset = offsetMs(vs);
        long[] ends = windowEnds(f, atMs(vs.at()), offset);
        VectorSelector.Extension ext = vs.extension();
        List<RangeSeries> out = new ArrayList<>();
        if (f.steps() == 0) {
            return new Matrix(out, ends, range, ext, lookback);
        }
        long minEnd = ends[0];
        long maxEnd = ends[ends.length - 1];
        long exclusiveMin = minEnd - range;
        long maxt = maxEnd;
        if (ext != VectorSelector.Extension.NONE) {
            exclusiveMin -= lookback;
            if (ext == VectorSelector.Extension.SMOOTHED) {
                maxt += lookback;
            }
        }
        long mint = exclusiveMin + 1;
        // Start timestamps are not used with the anchored and smoothed modifiers (nor in Prometheus).
        boolean starts = settings.startTimestamps() && ext == VectorSelector.Extension.NONE;
        SampleBuffer b = buffer;
        try (Querier q = storage.querier(mint, maxt);
                SeriesSet set = q.select(true, new SelectHints(mint, maxt, f.interval(), funcHint, range, false),
                        vs.matchers())) {
            while (set.next()) {
                ctx.tick();
                Series series = set.at();
                b.loadWindows(series.iterator(), ends, minEnd - exclusiveMin, maxt - maxEnd, starts);
                if (b.n == 0) {
                    continue;
                }
                ctx.addSamples(b.n);
                out.add(new RangeSeries(series.labels(), false, Arrays.copyOf(b.ts, b.n), Arrays.copyOf(b.vs, b.n),
                        b.anyStart ? Arrays.copyOf(b.sts, b.n) : null, b.n));
            }
        }
        return new Matrix(out, ends, range, ext, lookback);
    }

    /**
     * A subquery: the inner expression evaluated at steps aligned to absolute multiples of the
     * subquery step, covering every outer step's window.
     */
    Matrix subquery(SubqueryExpr sq, Frame f) {
        long range = sq.rangeExpr() != null ? durationMs(sq.rangeExpr()) : sq.rangeMs();
        long step = sq.stepExpr() != null ? durationMs(sq.stepExpr())
                : sq.stepMs() != 0 ? sq.stepMs() : settings.subqueryStepMs();
        if (step <= 0) {
            throw new PromQLException(ErrorType.EXECUTION, "subquery step must be positive");
        }
        long offset = offsetMs(sq);
        long[] ends = windowEnds(f, atMs(sq.at()), offset);
        List<RangeSeries> out = new ArrayList<>();
        if (f.steps() == 0) {
            return new Matrix(out, ends, range, VectorSelector.Extension.NONE, lookback);
        }
        long first = ends[0] - range;
        long innerStart = step * (first / step);
        if (innerStart <= first) {
            innerStart += step;
        }
        long innerEnd = ends[ends.length - 1];
        Frame inner = new Frame(innerStart, innerEnd, step);
        if (inner.steps() == 0) {
            return new Matrix(out, ends, range, VectorSelector.Extension.NONE, lookback);
        }
        String saved = funcHint;
        funcHint = "";
        EvalValue v;
        try {
            v = eval(sq.expr(), inner);
        } finally {
            funcHint = saved;
        }
        List<StepSeries> series;
        if (v instanceof Scalar s) {
            StepSeries one = new StepSeries(Labels.EMPTY);
            for (int i = 0; i < s.values().length; i++) {
                one.set(i, s.values()[i]);
            }
            series = List.of(one);
        } else {
            series = ((Vector) v).series();
        }
        for (StepSeries s : series) {
            int n = s.count();
            if (n == 0) {
                continue;
            }
            long[] ts = new long[n];
            double[] vs = new double[n];
            int k = 0;
            for (int i = Math.max(0, s.firstStep()); i < s.endStep(); i++) {
                if (s.has(i)) {
                    ts[k] = inner.time(i);
                    vs[k] = s.value(i);
                    k++;
                }
            }
            // Computed samples: the start timestamps of what the inner expression read end here.
            out.add(new RangeSeries(s.labels, s.dropName, ts, vs, k));
        }
        return new Matrix(out, ends, range, VectorSelector.Extension.NONE, lookback);
    }

    // ---------------------------------------------------------------- labels

    /** Drops the metric name and the type and unit metadata labels (Prometheus' DropReserved). */
    static Labels dropMetadata(Labels l) {
        if (!l.has(Labels.METRIC_NAME) && !l.has(TYPE_LABEL) && !l.has(UNIT_LABEL)) {
            return l;
        }
        return l.toBuilder().remove(Labels.METRIC_NAME).remove(TYPE_LABEL).remove(UNIT_LABEL).build();
    }

    static PromQLException duplicateLabelset() {
        return new PromQLException(ErrorType.EXECUTION, "vector cannot contain metrics with the same labelset");
    }

    static PromQLException execution(String message) {
        return new PromQLException(ErrorType.EXECUTION, message);
    }

    /** Labels as Go's {@code labels.Labels.String()} prints them: {@code {a="b", c="d"}}. */
    static String goString(Labels l) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(l.name(i)).append('=').append(GoStrings.quote(l.value(i)));
        }
        return sb.append('}').toString();
    }

    /**
     * Output series collected by labels: a node's results merge into one series per label set,
     * and two results with the same labels at the same step are an error, as in Prometheus.
     */
    static final class Outputs {
        final Map<Labels, StepSeries> map = new HashMap<>();
        final List<StepSeries> list = new ArrayList<>();
        /** How many steps a new series will likely get: the rest of the frame. */
        int capacity = 8;

        Outputs() {
        }

        Outputs(int capacity) {
            this.capacity = capacity;
        }

        StepSeries get(Labels labels, boolean dropName) {
            StepSeries s = map.get(labels);
            if (s == null) {
                s = new StepSeries(labels, dropName, capacity);
                map.put(labels, s);
                list.add(s);
            }
            return s;
        }

        void put(StepSeries s, int step, double v) {
            if (!s.set(step, v)) {
                throw duplicateLabelset();
            }
        }

        Vector vector() {
            return new Vector(list);
        }
    }

    /** Per-query memo of the functions, per call site. */
    final Map<Call, Map<Object, Object>> memos = new IdentityHashMap<>();
}
