package io.pharos.testkit.promql;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.InstantVector;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a {@link PromQLFunction} without the engine: it plays the engine's part of one call site in
 * one query, so a function plugin can be unit-tested in isolation.
 *
 * <pre>{@code
 * Result r = FunctionTester.call(new RateFunction())
 *         .at(Notation.duration("50m"))
 *         .matrix(m -> m.window("50m").load("http_requests_total{path=\"/foo\"}", "5m", "0+10x10"))
 *         .run();
 * r.assertSamples("{path=\"/foo\"} 0.0333333");
 * }</pre>
 *
 * <p>Arguments are given in call order with {@link #scalar}, {@link #string}, {@link #vector} and
 * {@link #matrix}. {@link #run()} first checks them against the function's declared signature
 * ({@link PromQLFunction#argTypes()}, {@link PromQLFunction#variadic()}) as Prometheus' parser does
 * (variadic n &gt; 0: from {@code argTypes().size() - 1} to {@code argTypes().size() - 1 + n}
 * arguments, the extra ones of the last type; -1: at least {@code size - 1}), then
 * calls {@link PromQLFunction#evaluate} once, for one evaluation step at the time given with
 * {@link #at} (default 0), and returns what the function wrote and reported.
 *
 * <p>It also holds the function to the engine's contract: writing a scalar from a vector function
 * (or the reverse), writing two scalars, or reading the argument views after {@code evaluate} has
 * returned (the engine reuses them for the next step) fails the test.
 *
 * <p><b>Steps and memo.</b> A tester is one call site of one query: {@link FunctionCall#memo} values
 * live as long as the tester, so calling {@link #at} and {@link #run()} again (after
 * {@link #clearArgs()} if the arguments change) evaluates further steps of the same query and shows
 * whether the function reuses what it memoized ({@link #memoSize()}).
 *
 * <p>A tester is not thread-safe; use one per test.
 */
public final class FunctionTester {
    private final PromQLFunction function;
    private final List<Object> args = new ArrayList<>();
    private final Map<Object, Object> memo = new HashMap<>();
    private long time;
    private boolean checkSignature = true;

    private FunctionTester(PromQLFunction function) {
        this.function = Objects.requireNonNull(function, "function");
    }

    /** A tester for one call of {@code function}. */
    public static FunctionTester call(PromQLFunction function) {
        return new FunctionTester(function);
    }

    /** The evaluation time of the step, ms since the epoch ({@link FunctionCall#time()}). */
    public FunctionTester at(long timeMs) {
        this.time = timeMs;
        return this;
    }

    /** {@link #at(long)} with a {@link Notation#duration} since 0, e.g. {@code "50m"}. */
    public FunctionTester at(String duration) {
        return at(Notation.duration(duration));
    }

    /** Appends a scalar argument. */
    public FunctionTester scalar(double value) {
        args.add(value);
        return this;
    }

    /** Appends a string argument. */
    public FunctionTester string(String value) {
        args.add(Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Appends an instant-vector argument described by {@code spec}. */
    public FunctionTester vector(Consumer<VectorInput> spec) {
        VectorInput v = new VectorInput();
        spec.accept(v);
        args.add(v);
        return this;
    }

    /** Appends a range-vector argument described by {@code spec}. */
    public FunctionTester matrix(Consumer<MatrixInput> spec) {
        MatrixInput m = new MatrixInput();
        spec.accept(m);
        args.add(m);
        return this;
    }

    /** Removes the arguments (the memo stays), to describe the next step. */
    public FunctionTester clearArgs() {
        args.clear();
        return this;
    }

    /** Skips the signature check, to test how a function copes with calls the parser would reject. */
    public FunctionTester uncheckedSignature() {
        this.checkSignature = false;
        return this;
    }

    /** How many values the function memoized so far through {@link FunctionCall#memo}. */
    public int memoSize() {
        return memo.size();
    }

    /** Evaluates one step and returns what the function wrote and reported. */
    public Result run() {
        if (checkSignature) {
            checkSignature();
        }
        Object[] views = new Object[args.size()];
        List<View> toInvalidate = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof VectorInput v) {
                List<Labels> l = new ArrayList<>();
                List<Double> vs = new ArrayList<>();
                List<Long> ts = new ArrayList<>();
                List<Long> sts = new ArrayList<>();
                v.resolve(time, l, vs, ts, sts);
                VectorView view = new VectorView(l, vs, ts, v.hasStartTimestamps() ? sts : null);
                toInvalidate.add(view);
                views[i] = view;
            } else if (a instanceof MatrixInput m) {
                long[] bounds = m.bounds(time);
                MatrixView view = new MatrixView(bounds[0], bounds[1]);
                m.resolve(bounds, view);
                toInvalidate.add(view);
                views[i] = view;
            } else {
                views[i] = a;
            }
        }
        Call call = new Call(views);
        Output out = new Output();
        try {
            function.evaluate(call, out);
        } finally {
            for (View v : toInvalidate) {
                v.valid = false;
            }
            call.done = true;
        }
        return new Result(function, out.samples, out.hasScalar, out.scalar, call.warnings, call.infos);
    }

    private void checkSignature() {
        List<ValueType> declared = function.argTypes();
        int n = args.size();
        int min = declared.size();
        int max = declared.size();
        if (function.variadic() > 0) {
            // Prometheus' parser: the last declared argument is optional and may be followed by
            // variadic-1 more of its type (round: 1 to 2 arguments; histogram_quantiles: 3 to 12)
            min = declared.size() - 1;
            max = declared.size() - 1 + function.variadic();
        } else if (function.variadic() < 0) {
            min = declared.size() - 1;
            max = Integer.MAX_VALUE;
        }
        if (n < min || n > max) {
            throw new IllegalStateException(function.name() + " takes " + (min == max ? String.valueOf(min)
                    : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max) + " arguments, the test gives "
                    + n);
        }
        for (int i = 0; i < n; i++) {
            ValueType want = declared.get(Math.min(i, declared.size() - 1));
            ValueType got = typeOf(args.get(i));
            if (want != got) {
                throw new IllegalStateException("argument " + i + " of " + function.name() + " must be a "
                        + want.text() + ", the test gives a " + got.text());
            }
        }
    }

    private static ValueType typeOf(Object arg) {
        if (arg instanceof Double) {
            return ValueType.SCALAR;
        } else if (arg instanceof String) {
            return ValueType.STRING;
        } else if (arg instanceof VectorInput) {
            return ValueType.VECTOR;
        }
        return ValueType.MATRIX;
    }

    private final class Call implements FunctionCall {
        private final Object[] views;
        final List<String> warnings = new ArrayList<>();
        final List<String> infos = new ArrayList<>();
        boolean done;

        Call(Object[] views) {
            this.views = views;
        }

        @Override
        public long time() {
            return time;
        }

        @Override
        public int argCount() {
            return views.length;
        }

        @Override
        public ValueType argType(int i) {
            return typeOf(args.get(i));
        }

        @Override
        public double scalar(int i) {
            return (Double) arg(i, ValueType.SCALAR);
        }

        @Override
        public String string(int i) {
            return (String) arg(i, ValueType.STRING);
        }

        @Override
        public InstantVector vector(int i) {
            return (InstantVector) arg(i, ValueType.VECTOR);
        }

        @Override
        public RangeVector matrix(int i) {
            return (RangeVector) arg(i, ValueType.MATRIX);
        }

        @Override
        public List<LabelMatcher> selectorMatchers(int i) {
            Object a = args.get(i);
            if (a instanceof VectorInput v) {
                return v.matchers();
            } else if (a instanceof MatrixInput m) {
                return m.matchers();
            }
            return List.of();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T memo(Object key, Supplier<T> compute) {
            Objects.requireNonNull(key, "memo key");
            if (memo.containsKey(key)) {
                return (T) memo.get(key);
            }
            T value = compute.get(); // not computeIfAbsent: compute may itself call memo
            memo.put(key, value);
            return value;
        }

        @Override
        public void warn(String message) {
            live();
            warnings.add(Objects.requireNonNull(message, "message"));
        }

        @Override
        public void info(String message) {
            live();
            infos.add(Objects.requireNonNull(message, "message"));
        }

        private Object arg(int i, ValueType type) {
            live();
            if (i < 0 || i >= views.length) {
                throw new IndexOutOfBoundsException("argument " + i + " of " + views.length);
            }
            ValueType actual = typeOf(args.get(i));
            if (actual != type) {
                throw new IllegalStateException("argument " + i + " is a " + actual.text() + ", not a " + type.text());
            }
            return views[i];
        }

        private void live() {
            if (done) {
                throw new IllegalStateException("the call was used after evaluate() returned");
            }
        }
    }

    private final class Output implements FunctionOutput {
        final List<Sample> samples = new ArrayList<>();
        boolean hasScalar;
        double scalar;

        @Override
        public void add(Labels labels, double value) {
            if (function.returnType() != ValueType.VECTOR) {
                throw new IllegalStateException(function.name() + " returns a " + function.returnType().text()
                        + " but wrote a vector sample");
            }
            samples.add(new Sample(Objects.requireNonNull(labels, "labels"), value));
        }

        @Override
        public void scalar(double value) {
            if (function.returnType() != ValueType.SCALAR) {
                throw new IllegalStateException(function.name() + " returns a " + function.returnType().text()
                        + " but wrote a scalar");
            }
            if (hasScalar) {
                throw new IllegalStateException(function.name() + " wrote two scalars in one step");
            }
            hasScalar = true;
            scalar = value;
        }
    }

    /** A view that fails when used after the call, as the engine reuses its storage. */
    abstract static class View {
        boolean valid = true;

        final void check() {
            if (!valid) {
                throw new IllegalStateException("an argument view was used after evaluate() returned");
            }
        }
    }

    static final class VectorView extends View implements InstantVector {
        private final Labels[] labels;
        private final double[] values;
        private final long[] timestamps;
        /** Null when the vector carries no start timestamps. */
        private final long[] starts;

        VectorView(List<Labels> labels, List<Double> values, List<Long> timestamps, List<Long> starts) {
            this.labels = labels.toArray(new Labels[0]);
            this.values = new double[values.size()];
            this.timestamps = new long[timestamps.size()];
            this.starts = starts == null ? null : new long[starts.size()];
            for (int i = 0; i < this.values.length; i++) {
                this.values[i] = values.get(i);
                this.timestamps[i] = timestamps.get(i);
                if (this.starts != null) {
                    this.starts[i] = starts.get(i);
                }
            }
        }

        @Override
        public int size() {
            check();
            return labels.length;
        }

        @Override
        public Labels labels(int i) {
            check();
            return labels[i];
        }

        @Override
        public double value(int i) {
            check();
            return values[i];
        }

        @Override
        public long timestamp(int i) {
            check();
            return timestamps[i];
        }

        @Override
        public boolean hasStartTimestamps() {
            check();
            return starts != null;
        }

        @Override
        public long startTimestamp(int i) {
            check();
            return starts == null ? 0 : starts[i];
        }
    }

    static final class MatrixView extends View implements RangeVector {
        private final long start;
        private final long end;
        private final List<Labels> labels = new ArrayList<>();
        private final List<long[]> times = new ArrayList<>();
        private final List<double[]> values = new ArrayList<>();
        private final List<long[]> starts = new ArrayList<>();

        MatrixView(long start, long end) {
            this.start = start;
            this.end = end;
        }

        void add(Labels l, long[] t, double[] v, long[] st) {
            labels.add(l);
            times.add(t);
            values.add(v);
            starts.add(st);
        }

        @Override
        public int size() {
            check();
            return labels.size();
        }

        @Override
        public Labels labels(int series) {
            check();
            return labels.get(series);
        }

        @Override
        public int sampleCount(int series) {
            check();
            return times.get(series).length;
        }

        @Override
        public long timestamp(int series, int sample) {
            check();
            return times.get(series)[sample];
        }

        @Override
        public double value(int series, int sample) {
            check();
            return values.get(series)[sample];
        }

        @Override
        public long startTimestamp(int series, int sample) {
            check();
            return starts.get(series)[sample];
        }

        @Override
        public long rangeStart() {
            check();
            return start;
        }

        @Override
        public long rangeEnd() {
            check();
            return end;
        }
    }
}
