package io.pharos.promql.internal;

import static io.pharos.spi.promql.ValueType.MATRIX;
import static io.pharos.spi.promql.ValueType.SCALAR;
import static io.pharos.spi.promql.ValueType.STRING;
import static io.pharos.spi.promql.ValueType.VECTOR;

import io.pharos.spi.promql.ValueType;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The function table of Prometheus 3.x (as of the v3.14 era of the conformance corpus): names,
 * argument types, optional or repeated trailing arguments, result types, and which functions are
 * experimental ({@code --enable-feature=promql-experimental-functions}). {@code holt_winters} is
 * gone in 3.0; its successor {@code double_exponential_smoothing} is experimental.
 */
final class BuiltinFunctions implements FunctionRegistry {
    static final BuiltinFunctions INSTANCE = new BuiltinFunctions();

    private final Map<String, FunctionSignature> table;

    private BuiltinFunctions() {
        Map<String, FunctionSignature> t = new TreeMap<>();
        // Instant vector in, instant vector out.
        for (String name : List.of("abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos",
                "cosh", "deg", "exp", "floor", "histogram_avg", "histogram_count", "histogram_stddev",
                "histogram_stdvar", "histogram_sum", "ln", "log10", "log2", "rad", "sgn", "sin", "sinh", "sort",
                "sort_desc", "sqrt", "tan", "tanh", "timestamp")) {
            put(t, name, VECTOR, 0, false, VECTOR);
        }
        // Range vector in, instant vector out.
        for (String name : List.of("absent_over_time", "avg_over_time", "changes", "count_over_time", "delta",
                "deriv", "idelta", "increase", "irate", "last_over_time", "max_over_time", "min_over_time",
                "present_over_time", "rate", "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time")) {
            put(t, name, VECTOR, 0, false, MATRIX);
        }
        for (String name : List.of("first_over_time", "mad_over_time", "ts_of_first_over_time", "ts_of_last_over_time",
                "ts_of_max_over_time", "ts_of_min_over_time")) {
            put(t, name, VECTOR, 0, true, MATRIX);
        }
        // Date functions: the vector defaults to vector(time()).
        for (String name : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute",
                "month", "year")) {
            put(t, name, VECTOR, 1, false, VECTOR);
        }
        put(t, "clamp", VECTOR, 0, false, VECTOR, SCALAR, SCALAR);
        put(t, "clamp_max", VECTOR, 0, false, VECTOR, SCALAR);
        put(t, "clamp_min", VECTOR, 0, false, VECTOR, SCALAR);
        put(t, "double_exponential_smoothing", VECTOR, 0, true, MATRIX, SCALAR, SCALAR);
        put(t, "histogram_fraction", VECTOR, 0, false, SCALAR, SCALAR, VECTOR);
        put(t, "histogram_quantile", VECTOR, 0, false, SCALAR, VECTOR);
        put(t, "histogram_quantiles", VECTOR, 9, true, VECTOR, STRING, SCALAR, SCALAR);
        put(t, "info", VECTOR, 1, true, VECTOR, VECTOR);
        put(t, "integral", VECTOR, 1, true, MATRIX, SCALAR);
        put(t, "label_join", VECTOR, -1, false, VECTOR, STRING, STRING, STRING);
        put(t, "max_of", SCALAR, 0, true, SCALAR, SCALAR);
        put(t, "min_of", SCALAR, 0, true, SCALAR, SCALAR);
        put(t, "label_replace", VECTOR, 0, false, VECTOR, STRING, STRING, STRING, STRING);
        put(t, "pi", SCALAR, 0, false);
        put(t, "predict_linear", VECTOR, 0, false, MATRIX, SCALAR);
        put(t, "quantile_over_time", VECTOR, 0, false, SCALAR, MATRIX);
        put(t, "round", VECTOR, 1, false, VECTOR, SCALAR);
        put(t, "scalar", SCALAR, 0, false, VECTOR);
        put(t, "sort_by_label", VECTOR, -1, true, VECTOR, STRING);
        // The start timestamps of the samples (Prometheus' experimental start-timestamp support).
        put(t, "start_timestamp", VECTOR, 0, true, VECTOR);
        put(t, "sort_by_label_desc", VECTOR, -1, true, VECTOR, STRING);
        put(t, "time", SCALAR, 0, false);
        put(t, "vector", VECTOR, 0, false, SCALAR);
        // The query's start, end, step and range as scalars.
        for (String name : List.of("start", "end", "step", "range")) {
            put(t, name, SCALAR, 0, true);
        }
        this.table = Collections.unmodifiableMap(t);
    }

    private static void put(Map<String, FunctionSignature> t, String name, ValueType returns, int variadic,
            boolean experimental, ValueType... args) {
        t.put(name, new FunctionSignature(name, List.of(args), variadic, returns, experimental));
    }

    @Override
    public FunctionSignature lookup(String name) {
        return table.get(name);
    }

    /** Every signature, by name. */
    Collection<FunctionSignature> all() {
        return table.values();
    }
}
