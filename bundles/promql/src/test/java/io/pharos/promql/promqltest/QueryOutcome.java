package io.pharos.promql.promqltest;

import io.pharos.promql.PromQLException;
import io.pharos.promql.QueryResult;
import io.pharos.spi.storage.StorageException;

/**
 * What running one query produced: a result, an error, or nothing within the time limit.
 *
 * @param result the result, or null
 * @param error what the engine threw, or null
 * @param timedOut whether the query did not finish in time
 */
record QueryOutcome(QueryResult result, Throwable error, boolean timedOut) {
    static QueryOutcome of(QueryResult r) {
        return new QueryOutcome(r, null, false);
    }

    static QueryOutcome failed(Throwable t) {
        return new QueryOutcome(null, t, false);
    }

    static QueryOutcome timeout() {
        return new QueryOutcome(null, null, true);
    }

    /**
     * Whether the error is a crash rather than a query error: anything but a PromQLException, or an
     * internal error the engine wrapped around an unexpected exception (such as a
     * ClassCastException for an expression it cannot evaluate yet). A crash never satisfies
     * {@code expect fail}: Prometheus' expected failures are deliberate errors.
     */
    boolean crashed() {
        if (!(error instanceof PromQLException p)) {
            return error != null;
        }
        Throwable cause = p.getCause();
        return p.errorType() == PromQLException.ErrorType.INTERNAL && cause != null
                && !(cause instanceof StorageException) && !(cause instanceof PromQLException);
    }

    String describeError() {
        if (error instanceof PromQLException p && !crashed()) {
            return "error (" + p.errorType().text() + "): " + p.getMessage();
        }
        Throwable root = error instanceof PromQLException && error.getCause() != null ? error.getCause() : error;
        return "engine crashed: " + root;
    }
}
