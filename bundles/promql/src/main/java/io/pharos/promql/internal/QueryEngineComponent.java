package io.pharos.promql.internal;

import io.pharos.promql.PromQLException;
import io.pharos.promql.PromQLException.ErrorType;
import io.pharos.promql.QueryEngine;
import io.pharos.promql.QueryResult;
import io.pharos.promql.QueryResult.Annotations;
import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import io.pharos.spi.storage.StorageException;
import io.pharos.storage.Storage;
import io.pharos.storage.StorageUnavailableException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link QueryEngine} service: parses a query, checks the range parameters as the Prometheus
 * HTTP API does, evaluates against {@link Storage} and maps failures to API error types.
 *
 * <p>Functions come from the registered {@link PromQLFunction} services (plus the few the engine
 * implements itself, see {@link EngineFunctions}); the parser checks calls against the same table.
 * A query resolves its functions once, when it is parsed: a function service that goes away makes
 * new queries fail with {@code unknown function}, while running ones finish with what they resolved.
 *
 * <p>Limits as in Prometheus: a timeout, a cap on samples in memory, and a cap on concurrent
 * queries (further queries wait for a slot, within their timeout).
 */
@Component(service = QueryEngine.class, configurationPid = QueryEngineComponent.PID)
@Designate(ocd = QueryEngineComponent.Config.class)
public final class QueryEngineComponent implements QueryEngine {
    static final String PID = "io.pharos.promql";
    /** Prometheus' default {@code --query.lookback-delta}. */
    public static final long DEFAULT_LOOKBACK_DELTA_MS = EngineSettings.DEFAULT_LOOKBACK_DELTA_MS;
    /** Prometheus' cap on points per series of a range query. */
    static final long MAX_POINTS_PER_SERIES = 11_000;

    private static final Logger LOG = LoggerFactory.getLogger(QueryEngineComponent.class);
    private static final AtomicLong LOCAL_IDS = new AtomicLong(Long.MAX_VALUE / 2);

    @ObjectClassDefinition(name = "Pharos PromQL engine")
    public @interface Config {
        @AttributeDefinition(description = "How far back, in milliseconds, an instant selector looks for "
                + "the latest sample of a series (Prometheus' --query.lookback-delta); 0 or less means 5 minutes")
        long lookback_delta_ms() default EngineSettings.DEFAULT_LOOKBACK_DELTA_MS;

        @AttributeDefinition(description = "Maximum time in milliseconds a query may take (--query.timeout)")
        long timeout_ms() default EngineSettings.DEFAULT_TIMEOUT_MS;

        @AttributeDefinition(description = "Maximum number of samples a single query can load into memory "
                + "(--query.max-samples)")
        long max_samples() default EngineSettings.DEFAULT_MAX_SAMPLES;

        @AttributeDefinition(description = "Maximum number of queries executed concurrently; further ones wait "
                + "(--query.max-concurrency)")
        int max_concurrency() default EngineSettings.DEFAULT_MAX_CONCURRENT;

        @AttributeDefinition(description = "Step in milliseconds of subqueries written without one, such as "
                + "x[1h:] (Prometheus uses its global evaluation interval)")
        long subquery_step_ms() default EngineSettings.DEFAULT_SUBQUERY_STEP_MS;

        @AttributeDefinition(description = "Enable experimental PromQL functions and the limitk/limit_ratio "
                + "aggregations (promql-experimental-functions)")
        boolean experimental_functions() default false;

        @AttributeDefinition(description = "Enable duration expressions such as x[5m * 2] (promql-duration-expr)")
        boolean duration_expressions() default false;

        @AttributeDefinition(description = "Enable the anchored and smoothed range selector modifiers "
                + "(promql-extended-range-selectors)")
        boolean extended_range_selectors() default false;

        @AttributeDefinition(description = "Enable the fill, fill_left and fill_right binary operator modifiers")
        boolean fill_modifiers() default false;

        @AttributeDefinition(description = "Remove __name__ only when the result is built "
                + "(promql-delayed-name-removal)")
        boolean delayed_name_removal() default false;

        @AttributeDefinition(description = "Use the samples' start timestamps in rate, increase, irate and resets "
                + "(counter resets, delta series) and in start_timestamp() (use-start-timestamps)")
        boolean start_timestamps() default false;
    }

    private final Storage storage;
    private final EngineSettings settings;
    private final FunctionTable functions = new FunctionTable();
    private final Semaphore slots;

    @Activate
    public QueryEngineComponent(@Reference(name = "storage") Storage storage, Config config) {
        this(storage, new EngineSettings(config.lookback_delta_ms(), config.subquery_step_ms(), config.timeout_ms(),
                config.max_samples(), config.max_concurrency(), config.experimental_functions(),
                config.duration_expressions(), config.extended_range_selectors(), config.fill_modifiers(),
                config.delayed_name_removal(), config.start_timestamps()), List.of());
    }

    /** An engine outside OSGi; a lookback delta of 0 or less means the default of 5 minutes. */
    public QueryEngineComponent(Storage storage, long lookbackDeltaMs) {
        this(storage, EngineSettings.DEFAULTS.withLookbackDelta(lookbackDeltaMs), List.of());
    }

    /** An engine outside OSGi with the given settings and functions (more can be added). */
    public QueryEngineComponent(Storage storage, EngineSettings settings, Collection<? extends PromQLFunction> fns) {
        this.storage = storage;
        this.settings = settings;
        this.slots = new Semaphore(settings.maxConcurrent(), true);
        for (PromQLFunction f : EngineFunctions.ALL) {
            functions.add(f, Integer.MAX_VALUE, 0);
        }
        for (PromQLFunction f : fns) {
            register(f);
        }
    }

    /** Registers a function service; the highest service ranking wins a name clash. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addFunction(PromQLFunction f, Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Object id = properties.get(Constants.SERVICE_ID);
        functions.add(f, ranking instanceof Integer r ? r : 0,
                id instanceof Long l ? l : LOCAL_IDS.incrementAndGet());
    }

    void removeFunction(PromQLFunction f, Map<String, Object> properties) {
        functions.remove(f);
    }

    /**
     * Registers a function outside OSGi (ranking 0). Named apart from the DS bind method so that
     * Service Component Runtime never picks it instead (it would lose the service ranking).
     */
    public void register(PromQLFunction f) {
        functions.add(f, 0, LOCAL_IDS.incrementAndGet());
    }

    /** Unregisters a function outside OSGi. */
    public void unregister(PromQLFunction f) {
        functions.remove(f);
    }

    /** The names of the functions queries can call now. */
    public Set<String> functionNames() {
        return functions.names();
    }

    /** The function registered under {@code name} now, or null. */
    PromQLFunction function(String name) {
        return functions.get(name);
    }

    public EngineSettings settings() {
        return settings;
    }

    @Override
    public QueryResult instantQuery(String query, long timeMs) {
        return instantQuery(query, timeMs, null);
    }

    /** An instant query that ends with {@code CANCELED} as soon as {@code canceled} says so. */
    public QueryResult instantQuery(String query, long timeMs, BooleanSupplier canceled) {
        return execute(query, timeMs, timeMs, 0, canceled);
    }

    @Override
    public QueryResult rangeQuery(String query, long startMs, long endMs, long stepMs) {
        return rangeQuery(query, startMs, endMs, stepMs, null);
    }

    /** A range query that ends with {@code CANCELED} as soon as {@code canceled} says so. */
    public QueryResult rangeQuery(String query, long startMs, long endMs, long stepMs, BooleanSupplier canceled) {
        // Checked before parsing, in the order the Prometheus API checks them.
        if (endMs < startMs) {
            throw badData("invalid parameter \"end\": end timestamp must not be before start time");
        }
        if (stepMs <= 0) {
            throw badData("invalid parameter \"step\": zero or negative query resolution step widths are not accepted. "
                    + "Try a positive integer");
        }
        long span = endMs - startMs;
        if (span < 0 || span / stepMs > MAX_POINTS_PER_SERIES) { // span < 0: the subtraction overflowed
            throw badData("exceeded maximum resolution of 11,000 points per timeseries. "
                    + "Try decreasing the query resolution (?step=XX)");
        }
        return execute(query, startMs, endMs, stepMs, canceled);
    }

    private QueryResult execute(String query, long start, long end, long step, BooleanSupplier canceled) {
        QueryContext ctx = new QueryContext(settings.timeoutMs(), settings.maxSamples(), canceled);
        acquire();
        try {
            Map<String, PromQLFunction> resolved = new HashMap<>();
            Expr expr = parse(query, resolved);
            if (step > 0 && expr.type() != ValueType.SCALAR && expr.type() != ValueType.VECTOR) {
                throw badData("invalid expression type " + GoStrings.quote(Checker.documented(expr.type()))
                        + " for range query, must be Scalar or instant Vector");
            }
            Evaluator ev = new Evaluator(storage, settings, ctx, resolved, query == null ? "" : query, start, end, step);
            QueryResult result = step > 0 ? ev.range(expr, start, end, step) : ev.instant(expr, start);
            Annotations annotations = ev.annotations();
            return annotations.isEmpty() ? result : result.withAnnotations(annotations);
        } catch (PromQLException e) {
            throw e;
        } catch (ParseException e) {
            throw new PromQLException(ErrorType.BAD_DATA, e.getMessage(), e);
        } catch (StorageUnavailableException e) {
            throw new PromQLException(ErrorType.UNAVAILABLE, e.getMessage(), e);
        } catch (StorageException e) {
            // Prometheus reports storage failures as internal errors.
            throw new PromQLException(ErrorType.INTERNAL, e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.warn("query {} failed unexpectedly", query, e);
            throw new PromQLException(ErrorType.INTERNAL, String.valueOf(e.getMessage()), e);
        } finally {
            slots.release();
        }
    }

    /** Waits for a free query slot, within the query timeout. */
    private void acquire() {
        try {
            if (!slots.tryAcquire(settings.timeoutMs(), TimeUnit.MILLISECONDS)) {
                throw new PromQLException(ErrorType.TIMEOUT, "query timed out in query queue");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PromQLException(ErrorType.CANCELED, "query was canceled in query queue");
        }
    }

    @Override
    public List<LabelMatcher> parseSelector(String selector) {
        Expr expr;
        try {
            expr = parse(selector, new HashMap<>());
        } catch (ParseException e) {
            throw new PromQLException(ErrorType.BAD_DATA, e.getMessage(), e);
        }
        if (expr instanceof VectorSelector vs) {
            if (vs.hasModifiers()) {
                // A series selector selects series, not samples: offset and @ have no meaning there.
                throw badData("invalid series selector \"" + selector + "\": expected a vector selector without modifiers");
            }
            return vs.matchers();
        }
        throw badData("invalid series selector \"" + selector + "\": expected a vector selector, got " + expr.type().text());
    }

    @Override
    public String formatQuery(String query) {
        try {
            return PromQLPrinter.format(parse(query, new HashMap<>()));
        } catch (ParseException e) {
            throw new PromQLException(ErrorType.BAD_DATA, e.getMessage(), e);
        }
    }

    @Override
    public String canonicalQuery(String query) {
        try {
            return PromQLPrinter.toString(parse(query, new HashMap<>()));
        } catch (ParseException e) {
            throw new PromQLException(ErrorType.BAD_DATA, e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Object> parseQuery(String query) {
        try {
            return AstJson.of(parse(query, new HashMap<>()));
        } catch (ParseException e) {
            throw new PromQLException(ErrorType.BAD_DATA, e.getMessage(), e);
        }
    }

    /** Parses with the registered functions, recording the ones the query uses. */
    private Expr parse(String query, Map<String, PromQLFunction> resolved) {
        FunctionRegistry registry = name -> {
            PromQLFunction f = functions.get(name);
            if (f == null) {
                return null;
            }
            resolved.put(name, f);
            return FunctionSignature.of(f);
        };
        return Parser.parse(query == null ? "" : query, settings.parserOptions(registry));
    }

    private static PromQLException badData(String message) {
        return new PromQLException(ErrorType.BAD_DATA, message);
    }
}
