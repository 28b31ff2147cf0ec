package io.pharos.promql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FunctionRegistryTest {
    private static final Set<String> STABLE = Set.of("abs", "absent", "absent_over_time", "acos", "acosh", "asin",
            "asinh", "atan", "atanh", "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos",
            "cosh", "count_over_time", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "deg", "delta",
            "deriv", "exp", "floor", "histogram_avg", "histogram_count", "histogram_fraction", "histogram_quantile",
            "histogram_stddev", "histogram_stdvar", "histogram_sum", "hour", "idelta", "increase", "irate",
            "label_join", "label_replace", "last_over_time", "ln", "log10", "log2", "max_over_time", "min_over_time",
            "minute", "month", "pi", "predict_linear", "present_over_time", "quantile_over_time", "rad", "rate",
            "resets", "round", "scalar", "sgn", "sin", "sinh", "sort", "sort_desc", "sqrt", "stddev_over_time",
            "stdvar_over_time", "sum_over_time", "tan", "tanh", "time", "timestamp", "vector", "year");
    private static final Set<String> EXPERIMENTAL = Set.of("double_exponential_smoothing", "end", "first_over_time",
            "histogram_quantiles", "info", "integral", "mad_over_time", "max_of", "min_of", "range",
            "sort_by_label", "sort_by_label_desc", "start", "start_timestamp", "step", "ts_of_first_over_time",
            "ts_of_last_over_time", "ts_of_max_over_time", "ts_of_min_over_time");

    @Test
    void builtinTableIsPrometheus3() {
        Set<String> names = new TreeSet<>();
        for (FunctionSignature f : BuiltinFunctions.INSTANCE.all()) {
            names.add(f.name());
            assertEquals(EXPERIMENTAL.contains(f.name()), f.experimental(), f.name());
        }
        Set<String> expected = new TreeSet<>(STABLE);
        expected.addAll(EXPERIMENTAL);
        assertEquals(expected, names);
        assertNull(FunctionRegistry.builtin().lookup("holt_winters"), "renamed in Prometheus 3");
    }

    @Test
    void signatures() {
        FunctionRegistry r = FunctionRegistry.builtin();
        assertEquals(new FunctionSignature("rate", List.of(ValueType.MATRIX), 0, ValueType.VECTOR, false), r.lookup("rate"));
        assertEquals(new FunctionSignature("label_join",
                List.of(ValueType.VECTOR, ValueType.STRING, ValueType.STRING, ValueType.STRING), -1, ValueType.VECTOR,
                false), r.lookup("label_join"));
        assertEquals(new FunctionSignature("round", List.of(ValueType.VECTOR, ValueType.SCALAR), 1, ValueType.VECTOR,
                false), r.lookup("round"));
        assertEquals(List.of(ValueType.SCALAR, ValueType.SCALAR, ValueType.VECTOR), r.lookup("histogram_fraction").argTypes());
        assertEquals(ValueType.SCALAR, r.lookup("scalar").returnType());
        assertEquals(ValueType.STRING, r.lookup("label_join").argType(7), "extra arguments take the last type");
        assertTrue(r.lookup("info").experimental());
        assertFalse(r.lookup("histogram_avg").experimental());
    }

    @Test
    void signatureOfAFunctionService() {
        PromQLFunction f = new PromQLFunction() {
            @Override
            public String name() {
                return "double";
            }

            @Override
            public List<ValueType> argTypes() {
                return List.of(ValueType.VECTOR, ValueType.SCALAR);
            }

            @Override
            public int variadic() {
                return 1;
            }

            @Override
            public ValueType returnType() {
                return ValueType.VECTOR;
            }

            @Override
            public void evaluate(FunctionCall call, FunctionOutput out) {
                throw new UnsupportedOperationException();
            }
        };
        assertEquals(new FunctionSignature("double", List.of(ValueType.VECTOR, ValueType.SCALAR), 1, ValueType.VECTOR,
                false), FunctionSignature.of(f));
        assertThrows(IllegalArgumentException.class,
                () -> new FunctionSignature("bad", List.of(), -1, ValueType.SCALAR, false));
    }

    /**
     * Every function the engine can call (the plugins on the test class path and the engine's own)
     * has Prometheus' signature, and every Prometheus function is available.
     */
    @Test
    void registeredFunctionsHavePrometheusSignatures() {
        QueryEngineComponent engine = new QueryEngineComponent(new FakeStorage(), EngineSettings.DEFAULTS,
                io.pharos.promql.promqltest.ScriptRunner.functions());
        Set<String> missing = new TreeSet<>();
        for (FunctionSignature builtin : BuiltinFunctions.INSTANCE.all()) {
            if (engine.function(builtin.name()) == null) {
                missing.add(builtin.name());
            }
        }
        for (String name : engine.functionNames()) {
            FunctionSignature reference = BuiltinFunctions.INSTANCE.lookup(name);
            assertTrue(reference != null, name + " is not a Prometheus function");
            assertEquals(reference, FunctionSignature.of(engine.function(name)), name);
        }
        // The histogram family may not be on the class path yet, and integral has no plugin yet
        // (it is not in the corpus).
        missing.removeIf(n -> n.startsWith("histogram_") || n.equals("integral"));
        assertEquals(Set.of(), missing, "Prometheus functions without an implementation");
    }
}
