package io.pharos.rules.internal;

import io.pharos.promql.PromQLException;
import io.pharos.promql.Sample;
import io.pharos.rules.RuleGroupInfo;
import io.pharos.rules.RuleInfo;
import io.pharos.rules.RuleInfo.Health;
import io.pharos.spi.alerting.Alert;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.StaleMarker;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running rule group: evaluates its rules in order at one timestamp, writes what they return,
 * marks series stale that a rule stopped returning, and sends its alerts. Evaluations of one group
 * never overlap (its scheduler runs them one after the other), but the API reads it concurrently.
 */
final class RuleGroup {
    private static final Logger LOG = LoggerFactory.getLogger(RuleGroup.class);

    /** What a group needs from the manager. */
    record Context(QueryFunc query, Storage storage, Clock clock, List<AlertSink> sinks, String externalUrl,
                   long resendDelayMs, long outageToleranceMs, long forGracePeriodMs) {
    }

    final GroupSpec spec;
    final long intervalMs;
    final long queryOffsetMs;
    final List<Rule> rules;
    final GroupMetrics metrics;
    private final Context ctx;
    /** Per rule, the series it wrote in the previous evaluation. */
    private final List<Set<Labels>> seriesInPreviousEval;
    /** Series of rules a reload removed, marked stale by the next evaluation. */
    private List<Labels> staleSeries = new ArrayList<>();
    private volatile Duration evaluationTime = Duration.ZERO;
    private volatile Instant lastEvaluation;
    volatile boolean shouldRestore;

    RuleGroup(GroupSpec spec, long intervalMs, long queryOffsetMs, List<Rule> rules, GroupMetrics metrics, Context ctx) {
        this.spec = spec;
        this.intervalMs = intervalMs;
        this.queryOffsetMs = queryOffsetMs;
        this.rules = List.copyOf(rules);
        this.metrics = metrics;
        this.ctx = ctx;
        this.seriesInPreviousEval = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            seriesInPreviousEval.add(Set.of());
        }
        metrics.intervalSeconds = intervalMs / 1000.0;
        metrics.rules = rules.size();
    }

    String key() {
        return key(spec.file(), spec.name());
    }

    static String key(String file, String name) {
        return file + ";" + name;
    }

    /**
     * The first evaluation time (ns) at or before {@code nowNanos}: evaluations happen at a fixed
     * offset within the interval, derived from a hash of the group's name and file, so that groups
     * spread over the interval and keep their slots across restarts (Prometheus' {@code EvalTimestamp}).
     */
    long evalTimestamp(long nowNanos) {
        long intervalNanos = intervalMs * 1_000_000L;
        long offset = Long.remainderUnsigned(XxHash64.hashLabels("file", spec.file(), "name", spec.name()), intervalNanos);
        long adjNow = nowNanos - offset;
        long base = adjNow - Math.floorMod(adjNow, intervalNanos);
        return base + offset;
    }

    /** One iteration at {@code ts} (ms): every rule in order. */
    void eval(long ts) {
        long start = System.nanoTime();
        Instant startedAt = ctx.clock().instant();
        metrics.iterationsScheduled.increment();
        long samples = 0;
        double ruleSum = 0;
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            long ruleStart = System.nanoTime();
            Instant ruleStartedAt = ctx.clock().instant();
            samples += evalRule(i, rule, ts);
            double took = (System.nanoTime() - ruleStart) / 1e9;
            rule.setTiming(ruleStartedAt, Duration.ofNanos(System.nanoTime() - ruleStart));
            metrics.ruleDurationSum.add(took);
            metrics.ruleDurationCount.increment();
            ruleSum += took;
        }
        cleanupStaleSeries(ts);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        evaluationTime = took;
        lastEvaluation = startedAt;
        metrics.lastSamples = samples;
        metrics.lastRuleDurationSumSeconds = ruleSum;
        metrics.lastDurationSeconds = took.toNanos() / 1e9;
        metrics.groupDurationSum.add(took.toNanos() / 1e9);
        metrics.groupDurationCount.increment();
        metrics.lastEvaluationTimestampSeconds = ts / 1000.0;
    }

    private int evalRule(int i, Rule rule, long ts) {
        metrics.evaluations.increment();
        List<Sample> vector;
        try {
            vector = rule.eval(ts, queryOffsetMs, ctx.query(), spec.limit());
        } catch (RuntimeException e) {
            rule.setResult(Health.ERR, message(e));
            metrics.evaluationFailures.increment();
            if (!(e instanceof PromQLException p && p.errorType() == PromQLException.ErrorType.CANCELED)) {
                LOG.warn("Evaluating rule {} of group {} failed: {}", rule.name(), key(), message(e));
            }
            return 0;
        } catch (Exception e) {
            rule.setResult(Health.ERR, message(e));
            metrics.evaluationFailures.increment();
            return 0;
        }
        rule.setResult(Health.OK, null);
        if (rule instanceof AlertingRule ar) {
            send(ar.alertsToSend(ts, ctx.resendDelayMs(), intervalMs, ctx.externalUrl()));
        }
        Set<Labels> returned = new HashSet<>(vector.size() * 2);
        Appender app;
        try {
            app = ctx.storage().appender();
        } catch (RuntimeException e) {
            rule.setResult(Health.ERR, message(e));
            return vector.size();
        }
        try {
            for (Sample s : vector) {
                try {
                    app.append(0, s.labels(), s.t(), s.v());
                    returned.add(s.labels());
                } catch (RuntimeException e) {
                    rule.setResult(Health.ERR, message(e));
                    LOG.debug("Rule evaluation result of {} discarded: {}", rule.name(), message(e));
                }
            }
            long staleAt = ts - queryOffsetMs;
            for (Labels prev : seriesInPreviousEval.get(i)) {
                if (!returned.contains(prev)) {
                    appendQuietly(app, prev, staleAt);
                }
            }
            app.commit();
            seriesInPreviousEval.set(i, returned);
        } catch (RuntimeException e) {
            rule.setResult(Health.ERR, message(e));
            LOG.warn("Writing the result of rule {} failed: {}", rule.name(), message(e));
        }
        return vector.size();
    }

    private void cleanupStaleSeries(long ts) {
        if (staleSeries.isEmpty()) {
            return;
        }
        writeStale(staleSeries, ts - queryOffsetMs);
        staleSeries = new ArrayList<>();
    }

    /** Marks every series this group wrote last stale: the group was removed by a reload. */
    void markAllStale(long ts) {
        List<Labels> all = new ArrayList<>();
        seriesInPreviousEval.forEach(all::addAll);
        writeStale(all, ts);
    }

    private void writeStale(List<Labels> series, long t) {
        if (series.isEmpty()) {
            return;
        }
        try {
            Appender app = ctx.storage().appender();
            for (Labels l : series) {
                appendQuietly(app, l, t);
            }
            app.commit();
        } catch (RuntimeException e) {
            LOG.warn("Writing staleness markers for group {} failed: {}", key(), message(e));
        }
    }

    private static void appendQuietly(Appender app, Labels l, long t) {
        try {
            app.append(0, l, t, StaleMarker.VALUE);
        } catch (RuntimeException e) {
            // out of order or too old: the series has newer data, nothing to mark
        }
    }

    private void send(List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        for (AlertSink sink : ctx.sinks()) {
            try {
                sink.send(alerts);
            } catch (RuntimeException e) {
                LOG.warn("Sending alerts of group {} failed: {}", key(), message(e));
            }
        }
    }

    /** Restores the {@code for} state of the alerting rules after a restart; see {@link AlertingRule}. */
    void restoreForState(long nowMs) {
        long start = System.nanoTime();
        long mint = nowMs - ctx.outageToleranceMs();
        try (Querier q = ctx.storage().querier(mint, nowMs)) {
            for (Rule r : rules) {
                if (!(r instanceof AlertingRule ar)) {
                    continue;
                }
                if (ar.holdMs() < ctx.forGracePeriodMs()) {
                    // It would fire sooner than the grace period anyway: nothing to restore.
                    ar.setRestored(true);
                    continue;
                }
                ar.restoreForState(q, mint, nowMs, ctx.forGracePeriodMs());
            }
        } catch (RuntimeException e) {
            LOG.error("Restoring the 'for' state of group {} failed: {}", key(), message(e));
            rules.forEach(r -> {
                if (r instanceof AlertingRule ar) {
                    ar.setRestored(true);
                }
            });
        }
        metrics.lastRestoreDurationSeconds = (System.nanoTime() - start) / 1e9;
    }

    /**
     * Takes over what the group this one replaces knew: timings, previous series, active alerts
     * of rules with the same name and labels; series of rules that are gone are marked stale by
     * the next evaluation.
     */
    void copyState(RuleGroup from) {
        evaluationTime = from.evaluationTime;
        lastEvaluation = from.lastEvaluation;
        Map<String, List<Integer>> byIdentity = new HashMap<>();
        for (int i = 0; i < from.rules.size(); i++) {
            byIdentity.computeIfAbsent(from.rules.get(i).identity(), k -> new ArrayList<>()).add(i);
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            List<Integer> indexes = byIdentity.get(rule.identity());
            if (indexes == null || indexes.isEmpty()) {
                continue;
            }
            int fi = indexes.remove(0);
            Rule old = from.rules.get(fi);
            seriesInPreviousEval.set(i, from.seriesInPreviousEval.get(fi));
            rule.copyStatus(old);
            if (rule instanceof AlertingRule ar && old instanceof AlertingRule far) {
                ar.copyAlerts(far);
            }
        }
        staleSeries = new ArrayList<>(from.staleSeries);
        for (List<Integer> unmatched : byIdentity.values()) {
            for (int fi : unmatched) {
                staleSeries.addAll(from.seriesInPreviousEval.get(fi));
            }
        }
    }

    RuleGroupInfo info() {
        List<RuleInfo> infos = new ArrayList<>(rules.size());
        for (Rule r : rules) {
            infos.add(r.info());
        }
        return new RuleGroupInfo(spec.name(), spec.file(), Duration.ofMillis(intervalMs), spec.limit(),
                evaluationTime, lastEvaluation, infos);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
