package io.pharos.promql.internal;

import io.pharos.promql.PromQLException;
import io.pharos.promql.PromQLException.ErrorType;
import io.pharos.promql.QueryEngine;
import io.pharos.promql.QueryResult;
import io.pharos.spi.storage.StorageException;
import io.pharos.spi.model.LabelMatcher;
import io.pharos.storage.Storage;
import java.util.List;
import io.pharos.storage.StorageUnavailableException;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link QueryEngine} service: parses a query, checks the range parameters as the Prometheus
 * HTTP API does, evaluates against {@link Storage} and maps failures to API error types.
 */
@Component(service = QueryEngine.class, configurationPid = QueryEngineComponent.PID)
@Designate(ocd = QueryEngineComponent.Config.class)
public final class QueryEngineComponent implements QueryEngine {
    static final String PID = "io.pharos.promql";
    /** Prometheus' default {@code --query.lookback-delta}. */
    public static final long DEFAULT_LOOKBACK_DELTA_MS = 5 * 60 * 1000L;
    /** Prometheus' cap on points per series of a range query. */
    static final long MAX_POINTS_PER_SERIES = 11_000;

    private static final Logger LOG = LoggerFactory.getLogger(QueryEngineComponent.class);

    @ObjectClassDefinition(name = "Pharos PromQL engine")
    public @interface Config {
        @AttributeDefinition(description = "How far back, in milliseconds, an instant selector looks for "
                + "the latest sample of a series (Prometheus' --query.lookback-delta); 0 or less means 5 minutes")
        long lookback_delta_ms() default DEFAULT_LOOKBACK_DELTA_MS;
    }

    private final Evaluator evaluator;

    @Activate
    public QueryEngineComponent(@Reference(name = "storage") Storage storage, Config config) {
        this(storage, config.lookback_delta_ms());
    }

    /** An engine outside OSGi; a lookback delta of 0 or less means the default of 5 minutes. */
    public QueryEngineComponent(Storage storage, long lookbackDeltaMs) {
        this.evaluator = new Evaluator(storage, lookbackDeltaMs > 0 ? lookbackDeltaMs : DEFAULT_LOOKBACK_DELTA_MS);
    }

    @Override
    public QueryResult instantQuery(String query, long timeMs) {
        return run(query, () -> evaluator.instant(parse(query), timeMs));
    }

    @Override
    public QueryResult rangeQuery(String query, long startMs, long endMs, long stepMs) {
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
        return run(query, () -> evaluator.range(parse(query), startMs, endMs, stepMs));
    }

    @Override
    public List<LabelMatcher> parseSelector(String selector) {
        Expr expr;
        try {
            expr = parse(selector);
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
            return PromQLPrinter.format(parse(query));
        } catch (ParseException e) {
            throw new PromQLException(ErrorType.BAD_DATA, e.getMessage(), e);
        }
    }

    private static Expr parse(String query) {
        return Parser.parse(query == null ? "" : query);
    }

    private static QueryResult run(String query, Supplier<QueryResult> evaluation) {
        try {
            return evaluation.get();
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
        }
    }

    private static PromQLException badData(String message) {
        return new PromQLException(ErrorType.BAD_DATA, message);
    }
}
