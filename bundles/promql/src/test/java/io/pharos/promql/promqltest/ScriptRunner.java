package io.pharos.promql.promqltest;

import io.pharos.promql.notation.SeriesLine;
import io.pharos.promql.notation.ScriptValue;
import io.pharos.promql.QueryEngine;
import io.pharos.promql.internal.EngineSettings;
import io.pharos.promql.internal.QueryEngineComponent;
import io.pharos.promql.promqltest.EvalOutcome.Status;
import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.testkit.DsComponents;
import io.pharos.storage.Storage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Executes scripts: each against a fresh {@link TestStorage} and an engine built on it. Loads put
 * the k-th value of a series at {@code k * interval} from 0; {@code clear} empties the storage.
 * Every eval becomes an {@link EvalOutcome}:
 * <ul>
 * <li>UNSUPPORTED without running when the expected output holds native histograms;</li>
 * <li>otherwise the query runs (with a time limit, so that a looping engine cannot hang the build)
 * and is compared by {@link ResultComparator}. A mismatch is UNSUPPORTED when the case needs
 * native histograms (it calls a native-histogram-only function, or the storage saw it read
 * histogram samples, or, if it failed before reading storage at all, it names a series loaded
 * with histogram values), else FAIL;</li>
 * <li>when the values match, the warning and info annotations are checked as Prometheus checks
 * them ({@link #annotationMismatch}); a mismatch counts like a value mismatch.</li>
 * </ul>
 * The engine is configured as Prometheus' harness configures its test engine ({@link #engine}): all
 * experimental features on for every file (start timestamps included), delayed name removal on.
 * An {@code @st} line gives the start timestamps of the sample line after it, as offsets from each
 * sample's time; a standalone one (no metric) is the default, repeated, for the lines without one.
 * Not done (yet) compared with Prometheus' runner: re-running instant queries as range queries, and
 * the {@code load_with_nhcb} rewrite of {@code _bucket} queries.
 */
public final class ScriptRunner implements AutoCloseable {
    /** The engine's lookback delta, Prometheus' default of 5 minutes, which the scripts assume. */
    public static final long LOOKBACK_DELTA_MS = 5 * 60_000L;
    /** Per-query time limit; {@code -Dpharos.promqltest.timeoutMs} overrides it. */
    public static final long DEFAULT_TIMEOUT_MS = 10_000;

    /** Functions that only do something for native histograms. */
    static final Set<String> NATIVE_HISTOGRAM_FUNCTIONS = Set.of("histogram_count", "histogram_sum",
            "histogram_avg", "histogram_stddev", "histogram_stdvar");
    // Identifiers and string literals of a query, to spot names of histogram series.
    private static final Pattern NAMES = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*|\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)'|`([^`]*)`");

    private final Function<Storage, QueryEngine> engineFactory;
    private final long timeoutMs;
    private ExecutorService executor;

    /** The Pharos engine, with the default time limit (or the system property). */
    public ScriptRunner() {
        this(ScriptRunner::engine, Long.getLong("pharos.promqltest.timeoutMs", DEFAULT_TIMEOUT_MS));
    }

    /**
     * The engine as Prometheus' test harness configures its own: every experimental PromQL feature
     * enabled (functions, duration expressions, extended range selectors, fill modifiers, start
     * timestamps), delayed name removal, a 1m default subquery step; with every function plugin on
     * the test class path.
     */
    public static QueryEngine engine(Storage storage) {
        EngineSettings settings = EngineSettings.DEFAULTS.withLookbackDelta(LOOKBACK_DELTA_MS)
                .withSubqueryStep(60_000).withAllFeatures(true)
                .withDelayedNameRemoval(Boolean.parseBoolean(System.getProperty(DELAYED_NAME_REMOVAL_PROPERTY, "true")));
        return new QueryEngineComponent(storage, settings, FUNCTIONS);
    }

    /** System property: {@code false} runs the scripts with eager name removal (Prometheus' default). */
    public static final String DELAYED_NAME_REMOVAL_PROPERTY = "pharos.promqltest.delayedNameRemoval";

    /** The function plugins on the test class path, created once. */
    static final List<PromQLFunction> FUNCTIONS = DsComponents.instances(PromQLFunction.class);

    /** The function plugins on the test class path. */
    public static List<PromQLFunction> functions() {
        return FUNCTIONS;
    }

    public ScriptRunner(Function<Storage, QueryEngine> engineFactory, long timeoutMs) {
        this.engineFactory = engineFactory;
        this.timeoutMs = timeoutMs;
        this.executor = newExecutor();
    }

    /** Runs every command of the script; one outcome per eval, in file order. */
    public List<EvalOutcome> run(Script script) {
        TestStorage storage = new TestStorage();
        QueryEngine engine = engineFactory.apply(storage);
        Set<String> histogramNames = new HashSet<>();
        List<EvalOutcome> outcomes = new ArrayList<>();
        for (Command c : script.commands()) {
            if (c instanceof Command.Load load) {
                load(storage, load, histogramNames);
            } else if (c instanceof Command.Clear) {
                storage.clear();
                histogramNames.clear();
            } else {
                outcomes.add(evaluate(script.name(), (Command.Eval) c, engine, storage, histogramNames));
            }
        }
        return outcomes;
    }

    static void load(TestStorage storage, Command.Load load, Set<String> histogramNames) {
        List<ScriptValue> defaultStarts = List.of();
        List<ScriptValue> starts = List.of();
        for (SeriesLine s : load.series()) {
            if (s.startTimestamps()) {
                if (s.labels().isEmpty()) {
                    defaultStarts = s.values();
                } else {
                    starts = s.values(); // the parser checked that the next line is its series
                }
                continue;
            }
            List<ScriptValue> offsets = starts.isEmpty() ? defaultStarts : starts;
            starts = List.of();
            for (int k = 0; k < s.values().size(); k++) {
                ScriptValue v = s.values().get(k);
                long t = k * load.intervalMs();
                long st = startTimestamp(offsets, k, t);
                if (v.kind() == ScriptValue.Kind.HISTOGRAM) {
                    storage.addHistogram(s.labels(), t, st);
                    addName(histogramNames, s.labels());
                } else if (v.kind() != ScriptValue.Kind.MISSING) {
                    storage.addFloat(s.labels(), t, v.value(), st);
                }
            }
            if (load.withNhcb()) {
                addCustomBucketHistogram(storage, load.intervalMs(), s, histogramNames);
            }
        }
    }

    /**
     * The start timestamp of the k-th value at time {@code t}: its {@code @st} offset added to
     * {@code t} (a default line's offsets repeat); 0 (unknown) without one or for {@code _}.
     */
    static long startTimestamp(List<ScriptValue> offsets, int k, long t) {
        if (offsets.isEmpty()) {
            return 0;
        }
        ScriptValue o = offsets.get(k % offsets.size());
        return o.kind() == ScriptValue.Kind.MISSING ? 0 : t + (long) o.value();
    }

    /**
     * {@code load_with_nhcb}: a classic {@code x_bucket{le=..}} series also yields the native
     * histogram series {@code x} (labels without {@code le}) with a sample wherever a bucket has one.
     */
    private static void addCustomBucketHistogram(TestStorage storage, long interval, SeriesLine s,
            Set<String> histogramNames) {
        String name = s.labels().metricName();
        if (name == null || !name.endsWith("_bucket") || !s.labels().has("le")) {
            return;
        }
        Labels histogram = s.labels().toBuilder().remove("le")
                .set(Labels.METRIC_NAME, name.substring(0, name.length() - "_bucket".length())).build();
        for (int k = 0; k < s.values().size(); k++) {
            if (s.values().get(k).kind() == ScriptValue.Kind.FLOAT) {
                storage.addHistogram(histogram, k * interval);
            }
        }
        addName(histogramNames, histogram);
    }

    private static void addName(Set<String> names, Labels labels) {
        if (labels.metricName() != null) {
            names.add(labels.metricName());
        }
    }

    private EvalOutcome evaluate(String file, Command.Eval eval, QueryEngine engine, TestStorage storage,
            Set<String> histogramNames) {
        String where = file + ":" + eval.line() + ": " + eval.expr() + ": ";
        if (eval.expect().hasHistogramValues()) {
            return new EvalOutcome(file, eval, Status.UNSUPPORTED,
                    where + "needs native histograms: the expected output contains histogram values");
        }
        storage.resetReads();
        QueryOutcome outcome = execute(engine, eval);
        String mismatch = ResultComparator.check(eval, outcome);
        if (mismatch == null && outcome.result() != null) {
            mismatch = annotationMismatch(eval.expect().annotations(), outcome.result());
        }
        if (mismatch == null) {
            return new EvalOutcome(file, eval, Status.PASS, null);
        }
        // Once the engine reads storage, what it read is the precise answer; before that (it failed
        // early), the names in the query are the best guess.
        String histogramNeed = histogramNeed(eval.expr(), storage.selected() ? Set.of() : histogramNames);
        if (histogramNeed == null && storage.histogramsRead()) {
            histogramNeed = "the query read native histogram samples";
        }
        if (histogramNeed != null) {
            return new EvalOutcome(file, eval, Status.UNSUPPORTED, where + "needs native histograms (" + histogramNeed
                    + "): " + mismatch);
        }
        return new EvalOutcome(file, eval, Status.FAIL, where + mismatch);
    }

    /**
     * Checks the annotations of a successful query as Prometheus' {@code checkAnnotations} does:
     * {@code eval_warn}/{@code eval_info} (folded into a match-anything {@code expect}) need at least
     * one annotation of their level; for each level with {@code expect} lines, every line must match
     * (exact message or unanchored regex; a line without either matches anything) some annotation of
     * that level and every annotation must match some line; {@code expect no_warn}/{@code no_info}
     * forbid annotations of their level. Annotations of a level without directives are not checked.
     *
     * @return what does not match, or null
     */
    static String annotationMismatch(List<Expectations.Annotation> expected, io.pharos.promql.QueryResult result) {
        for (Expectations.Level level : Expectations.Level.values()) {
            List<String> actual = level == Expectations.Level.WARN ? result.warnings() : result.infos();
            String kind = level == Expectations.Level.WARN ? "warn" : "info";
            List<Expectations.Annotation> present = new ArrayList<>();
            boolean absent = false;
            for (Expectations.Annotation a : expected) {
                if (a.level() == level) {
                    if (a.present()) {
                        present.add(a);
                    } else {
                        absent = true;
                    }
                }
            }
            if (!present.isEmpty()) {
                if (actual.isEmpty()) {
                    return "expected " + kind + " annotations but none were found";
                }
                for (Expectations.Annotation a : present) {
                    if (actual.stream().noneMatch(s -> matches(a, s))) {
                        return "expected " + kind + " annotation matching " + describe(a)
                                + " but no matching annotation was found, found: " + actual;
                    }
                }
                for (String s : actual) {
                    if (present.stream().noneMatch(a -> matches(a, s))) {
                        return "unexpected " + kind + " annotation " + ("\"" + s + "\"");
                    }
                }
            }
            if (absent && !actual.isEmpty()) {
                return "unexpected " + kind + " annotations: " + actual;
            }
        }
        return null;
    }

    private static boolean matches(Expectations.Annotation a, String s) {
        if (a.regex() != null) {
            return a.regex().matcher(s).find();
        }
        return a.message() == null || a.message().equals(s);
    }

    private static String describe(Expectations.Annotation a) {
        return a.regex() != null ? "pattern \"" + a.regex().pattern() + "\""
                : a.message() != null ? "message " + ("\"" + a.message() + "\"") : "anything";
    }

    /** Why the query text needs native histograms, or null. */
    static String histogramNeed(String expr, Set<String> histogramNames) {
        Matcher m = NAMES.matcher(expr);
        while (m.find()) {
            String quoted = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String name = quoted != null ? quoted : m.group();
            if (quoted == null && NATIVE_HISTOGRAM_FUNCTIONS.contains(name)) {
                return "calls " + name;
            }
            if (histogramNames.contains(name)) {
                return "reads series " + name + ", loaded with histogram values";
            }
        }
        return null;
    }

    private QueryOutcome execute(QueryEngine engine, Command.Eval eval) {
        Future<QueryOutcome> f = executor.submit(() -> {
            if (eval instanceof Command.EvalRange r) {
                return QueryOutcome.of(engine.rangeQuery(eval.expr(), r.startMs(), r.endMs(), r.stepMs()));
            }
            return QueryOutcome.of(engine.instantQuery(eval.expr(), ((Command.EvalInstant) eval).atMs()));
        });
        try {
            return f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return QueryOutcome.failed(e.getCause());
        } catch (TimeoutException e) {
            // A thread stuck in a loop cannot be stopped; leave it (a daemon) and go on with a new one.
            f.cancel(true);
            executor.shutdownNow();
            executor = newExecutor();
            return QueryOutcome.timeout();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a query", e);
        }
    }

    private static ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "promqltest-query");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
