package io.pharos.rules.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one group at its interval, at its slot within the interval: the first evaluation at the
 * next slot, then every interval. An iteration that ends after later slots passed skips them and
 * counts them as missed. With {@code shouldRestore}, the {@code for} state is restored after the
 * second iteration, once recording rules had a chance to catch up (as Prometheus does).
 */
final class GroupRunner implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupRunner.class);

    private final RuleGroup group;
    private final ScheduledExecutorService executor;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private long evalTimestamp;
    private int iterations;
    private boolean stopped;
    private ScheduledFuture<?> next;

    /** @param nanoClock wall-clock time in ns since the epoch */
    GroupRunner(RuleGroup group, ScheduledExecutorService executor, LongSupplier nanoClock) {
        this.group = group;
        this.executor = executor;
        this.nanoClock = nanoClock;
        this.intervalNanos = group.intervalMs * 1_000_000L;
    }

    synchronized void start() {
        long now = nanoClock.getAsLong();
        evalTimestamp = group.evalTimestamp(now) + intervalNanos;
        next = executor.schedule(this, evalTimestamp - now, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void run() {
        if (stopped) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (iterations > 0) {
            long missed = (now - evalTimestamp) / intervalNanos - 1;
            if (missed > 0) {
                group.metrics.iterationsMissed.add(missed);
                group.metrics.iterationsScheduled.add(missed);
            }
            evalTimestamp += (Math.max(missed, 0) + 1) * intervalNanos;
        }
        try {
            group.eval(Math.floorDiv(evalTimestamp, 1_000_000L));
            iterations++;
            if (group.shouldRestore && iterations == 2) {
                group.restoreForState(Math.floorDiv(nanoClock.getAsLong(), 1_000_000L));
                group.shouldRestore = false;
            }
        } catch (RuntimeException e) {
            LOG.error("Evaluating group {} failed", group.key(), e);
        }
        long wait = evalTimestamp + intervalNanos - nanoClock.getAsLong();
        next = executor.schedule(this, Math.max(wait, 0), TimeUnit.NANOSECONDS);
    }

    /** Stops scheduling; returns once a running iteration finished. */
    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }
}
