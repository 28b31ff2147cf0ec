package io.pharos.rules.internal;

import io.pharos.config.Durations;
import io.pharos.promql.notation.ScriptNumbers;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A promtool rule unit test file, read strictly as promtool does: an unknown field is an error
 * named after promtool's Go types ({@code field x not found in type main.testGroup}).
 */
record UnitTestFile(List<String> ruleFiles, Duration evaluationInterval, boolean fuzzyCompare,
                    List<String> groupEvalOrder, List<TestGroup> tests) {

    record TestGroup(Duration interval, List<InputSeries> inputSeries, List<AlertTest> alertTests,
                     List<ExprTest> exprTests, Map<String, String> externalLabels, String externalUrl, String name,
                     long startMs) {
        /** The latest eval_time of its tests: evaluation runs from the start up to it. */
        long maxEvalMs() {
            long max = 0;
            for (AlertTest a : alertTests) {
                max = Math.max(max, a.evalTime().toMillis());
            }
            for (ExprTest e : exprTests) {
                max = Math.max(max, e.evalTime().toMillis());
            }
            return max;
        }
    }

    record InputSeries(String series, String values) {
    }

    record AlertTest(Duration evalTime, String alertname, List<ExpAlert> expAlerts) {
    }

    record ExpAlert(Map<String, String> labels, Map<String, String> annotations) {
    }

    record ExprTest(String expr, Duration evalTime, List<ExpSample> expSamples) {
    }

    record ExpSample(String labels, double value, String histogram) {
    }

    private static final Set<String> FILE_KEYS = Set.of("rule_files", "evaluation_interval", "fuzzy_compare",
            "group_eval_order", "tests");
    private static final Set<String> GROUP_KEYS = Set.of("interval", "input_series", "alert_rule_test",
            "promql_expr_test", "external_labels", "external_url", "name", "start_timestamp");

    /**
     * Plain scalars stay strings (only {@code null} is resolved), as promtool's Go structs read them:
     * {@code values: 0x10} is "0 eleven times", not the YAML 1.1 integer 16.
     */
    private static final class StringsOnly extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    /** @throws IllegalArgumentException naming the field and what is wrong with it */
    static UnitTestFile parse(String content) {
        Object root;
        try {
            LoaderOptions opts = new LoaderOptions();
            root = new Yaml(new SafeConstructor(opts), new Representer(new DumperOptions()), new DumperOptions(), opts,
                    new StringsOnly()).load(content);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("yaml: " + e.getMessage(), e);
        }
        Map<String, Object> m = map(root, "main.unitTestFile", FILE_KEYS);
        List<TestGroup> tests = new ArrayList<>();
        for (Object t : list(m.get("tests"), "tests")) {
            tests.add(group(t));
        }
        Duration eval = duration(m.get("evaluation_interval"), "evaluation_interval");
        return new UnitTestFile(strings(m.get("rule_files"), "rule_files"),
                eval.isZero() ? Duration.ofMinutes(1) : eval, bool(m.get("fuzzy_compare")),
                strings(m.get("group_eval_order"), "group_eval_order"), tests);
    }

    private static TestGroup group(Object node) {
        Map<String, Object> m = map(node, "main.testGroup", GROUP_KEYS);
        List<InputSeries> series = new ArrayList<>();
        for (Object s : list(m.get("input_series"), "input_series")) {
            Map<String, Object> sm = map(s, "main.series", Set.of("series", "values"));
            series.add(new InputSeries(string(sm.get("series")), string(sm.get("values"))));
        }
        List<AlertTest> alerts = new ArrayList<>();
        for (Object a : list(m.get("alert_rule_test"), "alert_rule_test")) {
            Map<String, Object> am = map(a, "main.alertTestCase", Set.of("eval_time", "alertname", "exp_alerts"));
            List<ExpAlert> exp = new ArrayList<>();
            for (Object e : list(am.get("exp_alerts"), "exp_alerts")) {
                Map<String, Object> em = map(e, "main.alert", Set.of("exp_labels", "exp_annotations"));
                exp.add(new ExpAlert(stringMap(em.get("exp_labels")), stringMap(em.get("exp_annotations"))));
            }
            alerts.add(new AlertTest(duration(am.get("eval_time"), "eval_time"), string(am.get("alertname")), exp));
        }
        List<ExprTest> exprs = new ArrayList<>();
        for (Object p : list(m.get("promql_expr_test"), "promql_expr_test")) {
            Map<String, Object> pm = map(p, "main.promqlTestCase", Set.of("expr", "eval_time", "exp_samples"));
            List<ExpSample> exp = new ArrayList<>();
            for (Object e : list(pm.get("exp_samples"), "exp_samples")) {
                Map<String, Object> em = map(e, "main.sample", Set.of("labels", "value", "histogram"));
                exp.add(new ExpSample(string(em.get("labels")), number(em.get("value")), string(em.get("histogram"))));
            }
            exprs.add(new ExprTest(string(pm.get("expr")), duration(pm.get("eval_time"), "eval_time"), exp));
        }
        return new TestGroup(duration(m.get("interval"), "interval"), series, alerts, exprs,
                stringMap(m.get("external_labels")), string(m.get("external_url")), string(m.get("name")),
                startMs(m.get("start_timestamp")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String type, Set<String> known) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("yaml: unmarshal errors:\n  cannot unmarshal " + node + " into " + type);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        ((Map<Object, Object>) raw).forEach((k, v) -> m.put(String.valueOf(k), v));
        for (String k : m.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("yaml: unmarshal errors:\n  field " + k + " not found in type " + type);
            }
        }
        return m;
    }

    private static List<?> list(Object node, String field) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> l)) {
            throw new IllegalArgumentException("yaml: " + field + " must be a list, got: " + node);
        }
        return l;
    }

    private static List<String> strings(Object node, String field) {
        return list(node, field).stream().map(UnitTestFile::string).toList();
    }

    private static String string(Object node) {
        return node == null ? "" : String.valueOf(node);
    }

    private static Map<String, String> stringMap(Object node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), string(v)));
        } else if (node != null) {
            throw new IllegalArgumentException("yaml: cannot unmarshal " + node + " into map[string]string");
        }
        return out;
    }

    private static Duration duration(Object node, String field) {
        if (node == null) {
            return Duration.ZERO;
        }
        try {
            return Durations.parse(String.valueOf(node));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("yaml: " + field + ": " + e.getMessage(), e);
        }
    }

    private static boolean bool(Object node) {
        String s = string(node);
        if (s.isEmpty() || s.equals("false")) {
            return false;
        }
        if (s.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException("yaml: cannot unmarshal !!str `" + s + "` into bool");
    }

    private static double number(Object node) {
        if (node == null) {
            return 0;
        }
        if (node instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return ScriptNumbers.parseFloat(String.valueOf(node).replace(".inf", "Inf").replace(".nan", "NaN"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("yaml: cannot unmarshal " + node + " into float64", e);
        }
    }

    /** {@code start_timestamp}: Unix seconds or RFC 3339; 0 (the epoch) when absent. */
    private static long startMs(Object node) {
        if (node == null) {
            return 0;
        }
        if (node instanceof Number n) {
            return Math.round(n.doubleValue() * 1000);
        }
        if (node instanceof java.util.Date d) {
            return d.getTime(); // SnakeYAML reads unquoted timestamps itself
        }
        String s = String.valueOf(node);
        try {
            return Math.round(Double.parseDouble(s) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("yaml: start_timestamp: cannot parse \"" + s
                        + "\" as Unix seconds or RFC 3339", e);
            }
        }
    }
}
