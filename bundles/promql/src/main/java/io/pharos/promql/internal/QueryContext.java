package io.pharos.promql.internal;

import io.pharos.promql.PromQLException;
import io.pharos.promql.PromQLException.ErrorType;
import java.util.function.BooleanSupplier;

/**
 * The running query's limits: its deadline, its cancellation (a thread interrupt or the cancel hook),
 * and the count of samples it holds. Checked between steps and series, never per sample.
 */
final class QueryContext {
    static final String ENV = "expression evaluation";
    private static final String TOO_MANY = "query processing would load too many samples into memory in query execution";

    private final long deadlineNanos;
    private final long maxSamples;
    private final BooleanSupplier canceled;
    private long samples;
    private int ticks;

    QueryContext(long timeoutMs, long maxSamples, BooleanSupplier canceled) {
        this.deadlineNanos = System.nanoTime() + timeoutMs * 1_000_000L;
        this.maxSamples = maxSamples;
        this.canceled = canceled;
    }

    /** Fails the query if it was canceled or is out of time. */
    void check() {
        if (Thread.currentThread().isInterrupted() || (canceled != null && canceled.getAsBoolean())) {
            throw new PromQLException(ErrorType.CANCELED, "query was canceled in " + ENV);
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new PromQLException(ErrorType.TIMEOUT, "query timed out in " + ENV);
        }
    }

    /** A cheap check for tight loops: looks at the clock every 256 calls. */
    void tick() {
        if ((++ticks & 0xff) == 0) {
            check();
        }
    }

    /** Accounts for samples loaded into memory. */
    void addSamples(long n) {
        samples += n;
        if (samples > maxSamples) {
            throw new PromQLException(ErrorType.EXECUTION, TOO_MANY);
        }
    }

    void releaseSamples(long n) {
        samples = Math.max(0, samples - n);
    }
}
