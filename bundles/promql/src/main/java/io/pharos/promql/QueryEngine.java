package io.pharos.promql;

import io.pharos.spi.model.LabelMatcher;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Evaluates PromQL queries against the kernel's storage. Thread-safe: one instance serves all
 * callers. Timestamps are milliseconds since the Unix epoch.
 */
@ProviderType
public interface QueryEngine {
    /**
     * Evaluates {@code query} at one point in time.
     *
     * @return a vector, scalar or string result, or a matrix for a range vector expression such
     *         as {@code foo[5m]}; a vector is sorted by labels unless the query orders it itself
     *         ({@code sort}, {@code sort_desc}, {@code sort_by_label}, {@code topk}, {@code bottomk})
     * @throws PromQLException with {@link PromQLException.ErrorType#BAD_DATA} for a query that does
     *         not parse, {@link PromQLException.ErrorType#UNAVAILABLE} when no storage backend is
     *         running, and other types for evaluation failures
     */
    QueryResult instantQuery(String query, long timeMs);

    /**
     * Evaluates {@code query} at {@code startMs}, {@code startMs + stepMs}, ... up to and including
     * {@code endMs} if it falls on a step.
     *
     * @return a matrix result: one entry per series that has at least one point, sorted by labels
     * @throws PromQLException as {@link #instantQuery}; also {@code BAD_DATA} for an end before the
     *         start, a step that is not positive, or more than 11,000 steps
     */
    QueryResult rangeQuery(String query, long startMs, long endMs, long stepMs);

    /**
     * The label matchers of a series selector such as {@code up{job="api"}}, as the
     * {@code match[]} parameters of the API take them.
     *
     * @throws PromQLException with {@code BAD_DATA} if it does not parse or is not a selector
     */
    List<LabelMatcher> parseSelector(String selector);

    /**
     * The query in Prometheus' canonical layout, as {@code /api/v1/format_query} returns it.
     *
     * @throws PromQLException with {@code BAD_DATA} if it does not parse
     */
    String formatQuery(String query);

    /**
     * The query on one line, as Prometheus' {@code Expr.String()} prints it: what the rules API
     * shows as a rule's {@code query} and what alert generator URLs link to. An engine without its
     * own printer returns {@link #formatQuery}.
     *
     * @throws PromQLException with {@code BAD_DATA} if it does not parse
     * @since 1.2
     */
    default String canonicalQuery(String query) {
        return formatQuery(query);
    }

    /**
     * The syntax tree of the query as {@code /api/v1/parse_query} returns it (Prometheus'
     * {@code translateAST}): nested {@code Map<String, Object>} (keys sorted), {@code List},
     * {@code String}, {@code Number}, {@code Boolean} and {@code null} values, ready to be written
     * as JSON. An engine that cannot show its tree throws {@link UnsupportedOperationException}.
     *
     * @throws PromQLException with {@code BAD_DATA} if it does not parse
     */
    default java.util.Map<String, Object> parseQuery(String query) {
        throw new UnsupportedOperationException("parse_query is not supported by this engine");
    }
}
