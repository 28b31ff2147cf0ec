package io.pharos.rules.internal;

import io.pharos.promql.Sample;
import io.pharos.rules.AlertInfo;
import io.pharos.rules.AlertState;
import io.pharos.rules.RuleInfo;
import io.pharos.spi.alerting.Alert;
import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.SampleType;
import io.pharos.spi.model.Series;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.model.StaleMarker;
import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.SelectHints;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An alerting rule: every sample of its expression is an alert, pending until it has held for
 * {@code for}, then firing; firing alerts that stop matching stay firing for {@code keep_firing_for}
 * and are then resolved, and kept (and sent) as resolved for 15 minutes. Writes {@code ALERTS} and
 * {@code ALERTS_FOR_STATE} once its {@code for} state is restored.
 */
final class AlertingRule extends Rule {
    static final String ALERTS = "ALERTS";
    static final String ALERTS_FOR_STATE = "ALERTS_FOR_STATE";
    /** How long resolved alerts are kept, and so re-sent, for Alertmanager to learn of them. */
    static final long RESOLVED_RETENTION_MS = 15 * 60_000L;
    private static final Logger LOG = LoggerFactory.getLogger(AlertingRule.class);

    private final long holdMs;
    private final long keepFiringForMs;
    private final Labels annotations;
    private final TemplateExpander expander;
    private final Map<Labels, ActiveAlert> active = new LinkedHashMap<>();
    private volatile boolean restored;

    AlertingRule(RuleSpec spec, Map<String, String> groupLabels, String query, TemplateExpander expander,
                 boolean restored) {
        super(spec, groupLabels, query);
        this.holdMs = spec.holdDuration().toMillis();
        this.keepFiringForMs = spec.keepFiringFor().toMillis();
        this.annotations = Labels.of(spec.annotations());
        this.expander = expander;
        this.restored = restored;
    }

    long holdMs() {
        return holdMs;
    }

    void setRestored(boolean restored) {
        this.restored = restored;
    }

    @Override
    List<Sample> eval(long ts, long queryOffsetMs, QueryFunc q, int limit) {
        List<Sample> res = q.query(query, ts - queryOffsetMs);
        Map<Labels, ActiveAlert> found = new HashMap<>();
        for (Sample s : res) {
            Map<String, String> data = toMap(s.labels());
            Labels.Builder lb = s.labels().toBuilder().remove(Labels.METRIC_NAME);
            labels.forEach((n, v) -> lb.set(n, expand(v, data, s.v(), ts)));
            lb.set("alertname", name());
            Labels.Builder ab = Labels.builder();
            annotations.forEach((n, v) -> ab.set(n, expand(v, data, s.v(), ts)));
            Labels l = lb.build();
            if (found.put(l, new ActiveAlert(l, ab.build(), s.v(), ts)) != null) {
                throw new IllegalStateException(
                        "vector contains metrics with the same labelset after applying alert labels");
            }
        }
        List<Sample> out = new ArrayList<>();
        synchronized (this) {
            for (ActiveAlert a : found.values()) {
                ActiveAlert existing = active.get(a.labels);
                if (existing != null && existing.state != AlertState.INACTIVE) {
                    existing.value = a.value;
                    existing.annotations = a.annotations;
                } else {
                    active.put(a.labels, a);
                }
            }
            int activePending = 0;
            for (Iterator<ActiveAlert> it = active.values().iterator(); it.hasNext(); ) {
                ActiveAlert a = it.next();
                if (!found.containsKey(a.labels)) {
                    boolean keepFiring = false;
                    if (a.state == AlertState.FIRING && keepFiringForMs > 0) {
                        if (a.keepFiringSince == ActiveAlert.NONE) {
                            a.keepFiringSince = ts;
                        }
                        keepFiring = ts - a.keepFiringSince < keepFiringForMs;
                    }
                    // Resolved alerts are kept for a while so that they are sent to Alertmanager.
                    if (a.state == AlertState.PENDING
                            || a.resolvedAt != ActiveAlert.NONE && ts - a.resolvedAt > RESOLVED_RETENTION_MS) {
                        it.remove();
                    }
                    if (a.state != AlertState.INACTIVE && !keepFiring) {
                        a.state = AlertState.INACTIVE;
                        a.resolvedAt = ts;
                    }
                    if (!keepFiring) {
                        continue;
                    }
                } else {
                    a.keepFiringSince = ActiveAlert.NONE;
                }
                activePending++;
                if (a.state == AlertState.PENDING && ts - a.activeAt >= holdMs) {
                    a.state = AlertState.FIRING;
                    a.firedAt = ts;
                }
                if (restored) {
                    long t = ts - queryOffsetMs;
                    out.add(new Sample(a.labels.toBuilder().set(Labels.METRIC_NAME, ALERTS)
                            .set("alertstate", a.state.text()).build(), t, 1));
                    out.add(new Sample(a.labels.toBuilder().set(Labels.METRIC_NAME, ALERTS_FOR_STATE).build(), t,
                            Math.floorDiv(a.activeAt, 1000)));
                }
            }
            if (limit > 0 && activePending > limit) {
                active.clear();
                throw new IllegalStateException("exceeded limit of " + limit + " with " + activePending + " alerts");
            }
        }
        return out;
    }

    private String expand(String text, Map<String, String> data, double value, long ts) {
        try {
            return expander.expand("__alert_" + name(), text, data, value, ts);
        } catch (Exception e) {
            LOG.warn("Expanding alert template of {} failed: {}", name(), e.getMessage());
            return "<error expanding template: " + e.getMessage() + ">";
        }
    }

    private static Map<String, String> toMap(Labels l) {
        Map<String, String> m = new HashMap<>(l.size() * 2);
        l.forEach(m::put);
        return m;
    }

    /**
     * The alerts to send after an evaluation at {@code ts}: firing ones not sent for the resend
     * delay and newly resolved ones. Firing alerts are valid for four evaluations or resend delays,
     * so two lost sends do not resolve them in Alertmanager.
     */
    synchronized List<Alert> alertsToSend(long ts, long resendDelayMs, long intervalMs, String externalUrl) {
        List<Alert> out = new ArrayList<>();
        for (ActiveAlert a : active.values()) {
            if (!a.needsSending(ts, resendDelayMs)) {
                continue;
            }
            a.lastSentAt = ts;
            a.validUntil = ts + 4 * Math.max(resendDelayMs, intervalMs);
            long endsAt = a.resolvedAt != ActiveAlert.NONE ? a.resolvedAt : a.validUntil;
            out.add(new Alert(a.labels, a.annotations, Instant.ofEpochMilli(a.firedAt), Instant.ofEpochMilli(endsAt),
                    externalUrl + AlertMessages.tableLink(query), AlertMessages.fingerprint(a.labels)));
        }
        return out;
    }

    /**
     * Restores the {@code activeAt} of the current alerts from the {@code ALERTS_FOR_STATE} series
     * written before a restart, as Prometheus' {@code RestoreForState}: an alert that was pending
     * keeps its progress, shifted by the downtime, and fires no sooner than the grace period.
     */
    void restoreForState(Querier q, long mint, long ts, long gracePeriodMs) {
        List<LabelMatcher> matchers = new ArrayList<>();
        matchers.add(LabelMatcher.equal(Labels.METRIC_NAME, ALERTS_FOR_STATE));
        matchers.add(LabelMatcher.equal("alertname", name()));
        labels.forEach((n, v) -> matchers.add(LabelMatcher.equal(n, v)));
        Map<Labels, long[]> last = new HashMap<>(); // labels without __name__ -> {t, valueBits}
        try (SeriesSet set = q.select(false, SelectHints.of(mint, ts), matchers)) {
            while (set.next()) {
                Series s = set.at();
                SampleIterator it = s.iterator();
                long t = 0;
                double v = Double.NaN;
                boolean any = false;
                while (it.next() == SampleType.FLOAT) {
                    t = it.timestamp();
                    v = it.value();
                    any = true;
                }
                if (any) {
                    last.put(s.labels().withoutMetricName(), new long[] {t, Double.doubleToRawLongBits(v)});
                }
            }
        }
        synchronized (this) {
            for (ActiveAlert a : active.values()) {
                long[] tv = last.get(a.labels);
                if (tv == null || StaleMarker.isStale(Double.longBitsToDouble(tv[1]))) {
                    continue;
                }
                long downAt = Math.floorDiv(tv[0], 1000) * 1000;
                long restoredActiveAt = (long) Double.longBitsToDouble(tv[1]) * 1000;
                long remaining = holdMs - (downAt - restoredActiveAt);
                if (remaining <= 0) {
                    continue; // it was firing when the server went down; the next evaluation fires it again
                } else if (remaining < gracePeriodMs) {
                    restoredActiveAt = ts + gracePeriodMs - holdMs;
                } else {
                    restoredActiveAt += ts - downAt;
                }
                a.activeAt = restoredActiveAt;
            }
        }
        restored = true;
    }

    /** Takes over the alerts of the rule this one replaces on a reload. */
    synchronized void copyAlerts(AlertingRule from) {
        synchronized (from) {
            active.putAll(from.active);
        }
    }

    @Override
    synchronized RuleInfo info() {
        AlertState state = AlertState.INACTIVE;
        List<ActiveAlert> current = new ArrayList<>();
        for (ActiveAlert a : active.values()) {
            if (a.state.compareTo(state) > 0) {
                state = a.state;
            }
            if (a.resolvedAt == ActiveAlert.NONE) {
                current.add(a);
            }
        }
        current.sort(Comparator.comparing(a -> a.labels));
        List<AlertInfo> alerts = current.stream().map(ActiveAlert::info).toList();
        return new RuleInfo(RuleInfo.Type.ALERTING, name(), query, labels, annotations, spec.holdDuration(),
                spec.keepFiringFor(), state, alerts, health(), lastError(), evaluationTime(), lastEvaluation());
    }

}
