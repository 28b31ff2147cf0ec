package io.pharos.promql.internal;

import io.pharos.promql.PromQLException;
import io.pharos.promql.PromQLException.ErrorType;
import io.pharos.promql.internal.EvalValue.Matrix;
import io.pharos.promql.internal.EvalValue.Scalar;
import io.pharos.promql.internal.EvalValue.Str;
import io.pharos.promql.internal.EvalValue.Vector;
import io.pharos.promql.internal.Evaluator.Outputs;
import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.InstantVector;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.PromQLFunctionException;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.ValueType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Function calls through the {@link PromQLFunction} SPI: the arguments are evaluated over the whole
 * frame, then the function is called once per step with views over them (no copying, nothing
 * allocated per sample), and what it writes is collected into output series by labels.
 */
final class CallEval {
    private CallEval() {
    }

    static EvalValue eval(Evaluator ev, Call c, Frame f) {
        String name = c.function().name();
        PromQLFunction fn = ev.functions.get(name);
        if (fn == null) {
            throw new PromQLException(ErrorType.BAD_DATA, "unknown function with name " + GoStrings.quote(name));
        }
        if (ev.queryStep > 0 && SORT_FUNCTIONS.contains(name)) {
            ev.warn("sort is ineffective for range queries since results are always ordered by labels", c.position());
        }
        if (fn instanceof EngineFunctions.Intrinsic in) {
            return in.evaluate(ev, c, f);
        }
        return new Invocation(ev, c, fn, f).run();
    }

    /** The state of one call over all steps; it is also the {@link FunctionCall} handed to the function. */
    static final class Invocation implements FunctionCall, FunctionOutput {
        private final Evaluator ev;
        private final Call call;
        private final PromQLFunction fn;
        private final Frame frame;
        private final int argc;
        private final Object[] args;
        private final VectorView[] vectors;
        private final RangeWindows[] matrices;
        private final double[][] scalars;
        private final String[] strings;
        private final Map<Object, Object> memo;
        private final boolean keepsName;
        private final Outputs out;
        private final Map<Labels, StepSeries> byGivenLabels = new HashMap<>();
        private final boolean anyDropName;
        private final boolean nameTarget;
        private double[] scalarOut;
        private Labels[] posLabels = new Labels[0];
        private StepSeries[] posSeries = new StepSeries[0];
        private int step;
        private long time;
        private int adds;

        Invocation(Evaluator ev, Call call, PromQLFunction fn, Frame f) {
            this.ev = ev;
            this.call = call;
            this.fn = fn;
            this.frame = f;
            List<Expr> exprs = call.args();
            this.argc = exprs.size();
            this.args = new Object[argc];
            this.vectors = new VectorView[argc];
            this.matrices = new RangeWindows[argc];
            this.scalars = new double[argc][];
            this.strings = new String[argc];
            this.memo = ev.memos.computeIfAbsent(call, k -> new HashMap<>());
            this.keepsName = fn.keepsMetricName();
            this.out = new Outputs(f.steps());
            String saved = ev.funcHint;
            boolean drop = false;
            try {
                ev.funcHint = fn.name();
                for (int i = 0; i < argc; i++) {
                    Expr a = exprs.get(i);
                    ValueType t = call.function().argType(i);
                    switch (t) {
                        case MATRIX -> {
                            Matrix m = ev.evalMatrix(a, f);
                            checkExtension(m, a);
                            matrices[i] = new RangeWindows(m);
                            matrices[i].counter(fn.name().equals("rate") || fn.name().equals("increase"));
                            for (EvalValue.RangeSeries rs : m.series()) {
                                drop |= rs.dropName;
                            }
                        }
                        case VECTOR -> {
                            Expr u = Evaluator.unwrap(a);
                            boolean timesOnly = TIME_FUNCTIONS.contains(fn.name());
                            boolean starts = u instanceof VectorSelector && ev.settings.startTimestamps();
                            Vector v = u instanceof VectorSelector vs && (timesOnly || starts)
                                    ? ev.vectorSelector(vs, f, timesOnly, starts)
                                    : (Vector) ev.eval(a, f);
                            vectors[i] = new VectorView(v.series(), starts);
                            for (StepSeries s : v.series()) {
                                drop |= s.dropName;
                            }
                        }
                        case SCALAR -> scalars[i] = ((Scalar) ev.eval(a, f)).values();
                        case STRING -> strings[i] = ((Str) ev.eval(a, f)).value();
                    }
                }
            } finally {
                ev.funcHint = saved;
            }
            this.anyDropName = drop;
            this.nameTarget = (fn.name().equals("label_replace") || fn.name().equals("label_join")) && argc > 1
                    && Labels.METRIC_NAME.equals(strings[1]);
        }

        private void checkExtension(Matrix m, Expr a) {
            if (m.extension() == VectorSelector.Extension.ANCHORED && !ANCHORED_SAFE.contains(fn.name())) {
                throw Evaluator.execution("anchored modifier can only be used with: "
                        + String.join(", ", ANCHORED_SAFE) + " - not with " + fn.name());
            }
            if (m.extension() == VectorSelector.Extension.SMOOTHED && !SMOOTHED_SAFE.contains(fn.name())) {
                throw Evaluator.execution("smoothed modifier can only be used with: "
                        + String.join(", ", SMOOTHED_SAFE) + " - not with " + fn.name());
            }
        }

        EvalValue run() {
            int steps = frame.steps();
            boolean scalarResult = fn.returnType() == ValueType.SCALAR;
            if (scalarResult) {
                scalarOut = new double[steps];
            }
            for (int i = 0; i < steps; i++) {
                ev.ctx.check();
                step = i;
                time = frame.time(i);
                adds = 0;
                for (int a = 0; a < argc; a++) {
                    if (vectors[a] != null) {
                        vectors[a].at(i, time);
                    } else if (matrices[a] != null) {
                        matrices[a].advance(i);
                    }
                }
                if (scalarResult) {
                    scalarOut[i] = Double.NaN;
                }
                try {
                    fn.evaluate(this, this);
                } catch (PromQLFunctionException e) {
                    throw new PromQLException(ErrorType.EXECUTION, e.getMessage(), e);
                }
            }
            return scalarResult ? new Scalar(scalarOut) : out.vector();
        }

        // ------------------------------------------------ FunctionOutput

        @Override
        public void add(Labels labels, double value) {
            // Functions mostly write their outputs in the order of their inputs, step after step:
            // the output at the same position as in the previous step is the likely one.
            int pos = adds;
            StepSeries o = null;
            if (pos < posLabels.length && posLabels[pos] == labels) {
                o = posSeries[pos];
            } else {
                o = byGivenLabels.get(labels);
            }
            if (o == null) {
                Labels outLabels = labels;
                boolean flag;
                if (!keepsName) {
                    if (ev.delayedNameRemoval) {
                        flag = true;
                    } else {
                        outLabels = Evaluator.dropMetadata(labels);
                        flag = false;
                    }
                } else {
                    flag = !nameTarget && anyDropName && inheritedDropName(labels);
                }
                o = out.get(outLabels, flag);
                byGivenLabels.put(labels, o);
            }
            if (pos >= posLabels.length) {
                int cap = Math.max(16, pos * 2);
                posLabels = java.util.Arrays.copyOf(posLabels, cap);
                posSeries = java.util.Arrays.copyOf(posSeries, cap);
            }
            posLabels[pos] = labels;
            posSeries[pos] = o;
            adds++;
            out.put(o, step, value);
        }

        /** The delayed-name-removal flag of the input an output of a name-keeping function comes from. */
        private boolean inheritedDropName(Labels labels) {
            for (int a = 0; a < argc; a++) {
                if (vectors[a] != null) {
                    VectorView v = vectors[a];
                    for (int k = 0; k < v.size(); k++) {
                        if (v.labels(k).equals(labels)) {
                            return v.series(k).dropName;
                        }
                    }
                    if (adds < v.size()) {
                        return v.series(adds).dropName;
                    }
                } else if (matrices[a] != null) {
                    RangeWindows m = matrices[a];
                    for (int k = 0; k < m.size(); k++) {
                        if (m.labels(k).equals(labels)) {
                            return m.seriesAt(k).dropName;
                        }
                    }
                    if (adds < m.size()) {
                        return m.seriesAt(adds).dropName;
                    }
                }
            }
            return false;
        }

        @Override
        public void scalar(double value) {
            scalarOut[step] = value;
        }

        // ------------------------------------------------ FunctionCall

        @Override
        public long time() {
            return time;
        }

        @Override
        public int argCount() {
            return argc;
        }

        @Override
        public ValueType argType(int i) {
            return call.function().argType(i);
        }

        @Override
        public double scalar(int i) {
            return scalars[i][step];
        }

        @Override
        public String string(int i) {
            return strings[i];
        }

        @Override
        public InstantVector vector(int i) {
            return vectors[i];
        }

        @Override
        public RangeVector matrix(int i) {
            return matrices[i];
        }

        @Override
        public List<LabelMatcher> selectorMatchers(int i) {
            Expr a = Evaluator.unwrap(call.args().get(i));
            if (a instanceof VectorSelector vs) {
                return vs.matchers();
            }
            if (a instanceof MatrixSelector ms) {
                return ms.selector().matchers();
            }
            return List.of();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T memo(Object key, Supplier<T> compute) {
            Object v = memo.get(key);
            if (v == null && !memo.containsKey(key)) {
                v = compute.get();
                memo.put(key, v);
            }
            return (T) v;
        }

        @Override
        public void warn(String message) {
            ev.warn(message, call.position());
        }

        @Override
        public void info(String message) {
            ev.info(message, call.position());
        }

        @Override
        public void warn(int arg, String message) {
            ev.warn(message, argPosition(arg));
        }

        @Override
        public void info(int arg, String message) {
            ev.info(message, argPosition(arg));
        }

        private PositionRange argPosition(int arg) {
            return arg >= 0 && arg < call.args().size() ? call.args().get(arg).position() : call.position();
        }
    }

    /** Functions that order an instant vector, which Prometheus warns about in range queries. */
    static final List<String> SORT_FUNCTIONS = List.of("sort", "sort_desc", "sort_by_label", "sort_by_label_desc");

    /** Functions that read only the times of a selector's samples, not their values. */
    static final List<String> TIME_FUNCTIONS = List.of("timestamp", "start_timestamp");

    static final List<String> ANCHORED_SAFE = List.of("changes", "delta", "increase", "rate", "resets");
    static final List<String> SMOOTHED_SAFE = List.of("delta", "increase", "rate");

    /** The samples of a vector argument present at the current step. */
    static final class VectorView implements InstantVector {
        private final List<StepSeries> series;
        private final boolean starts;
        private final int[] idx;
        private int size;
        private int step;
        private long time;

        /** {@code starts}: the series come from a selector that kept their start timestamps. */
        VectorView(List<StepSeries> series, boolean starts) {
            this.series = series;
            this.starts = starts;
            this.idx = new int[series.size()];
        }

        void at(int step, long time) {
            this.step = step;
            this.time = time;
            int n = 0;
            for (int s = 0; s < series.size(); s++) {
                if (series.get(s).has(step)) {
                    idx[n++] = s;
                }
            }
            size = n;
        }

        StepSeries series(int k) {
            return series.get(idx[k]);
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Labels labels(int k) {
            return series.get(idx[k]).labels;
        }

        @Override
        public double value(int k) {
            return series.get(idx[k]).value(step);
        }

        @Override
        public long timestamp(int k) {
            StepSeries s = series.get(idx[k]);
            return s.hasTimes() ? s.time(step) : time;
        }

        @Override
        public boolean hasStartTimestamps() {
            return starts;
        }

        @Override
        public long startTimestamp(int k) {
            return starts ? series.get(idx[k]).start(step) : 0;
        }
    }
}
