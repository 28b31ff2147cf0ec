package io.pharos.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.promql.Sample;
import io.pharos.rules.AlertState;
import io.pharos.rules.RuleInfo;
import io.pharos.spi.alerting.Alert;
import io.pharos.spi.model.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert state machine, driven by a scripted query result and explicit timestamps. */
class AlertingRuleTest {
    private static final long MIN = 60_000;
    private final List<Sample> result = new ArrayList<>();
    private final QueryFunc query = (expr, t) -> result.stream().map(s -> new Sample(s.labels(), t, s.v())).toList();

    private static AlertingRule rule(Duration hold, Duration keepFiring) {
        RuleSpec spec = new RuleSpec("", "HighLoad", "load > 1", hold, keepFiring, Map.of("severity", "page",
                "instance", "{{ $labels.instance }}"), Map.of("summary", "load is {{ $value }} on {{ $labels.instance }}"));
        return new AlertingRule(spec, Map.of("team", "ops"), "load > 1", new GoTemplateExpander(Map.of(), "http://pharos:9090", (expr, t) -> List.of()), true);
    }

    private void matching(double v) {
        result.clear();
        result.add(new Sample(Labels.of("__name__", "load", "instance", "a"), 0, v));
    }

    private static AlertState state(AlertingRule r) {
        return r.info().state();
    }

    @Test
    void pendingThenFiringAfterForThenResolved() {
        AlertingRule r = rule(Duration.ofMinutes(5), Duration.ZERO);
        matching(2);
        List<Sample> out = r.eval(0, 0, query, 0);
        assertEquals(AlertState.PENDING, state(r));
        assertEquals(Labels.of("__name__", "ALERTS", "alertname", "HighLoad", "alertstate", "pending",
                "instance", "a", "severity", "page", "team", "ops"), out.get(0).labels());
        assertEquals(0.0, out.get(1).v(), "ALERTS_FOR_STATE holds activeAt in seconds");
        assertEquals("load is 2 on a", r.info().alerts().get(0).annotations().get("summary"));
        assertTrue(r.alertsToSend(0, MIN, MIN, "http://x").isEmpty(), "pending alerts are not sent");

        r.eval(4 * MIN, 0, query, 0);
        assertEquals(AlertState.PENDING, state(r));
        out = r.eval(5 * MIN, 0, query, 0);
        assertEquals(AlertState.FIRING, state(r));
        assertEquals("firing", out.get(0).labels().get("alertstate"));

        List<Alert> sent = r.alertsToSend(5 * MIN, MIN, MIN, "http://x");
        assertEquals(1, sent.size());
        assertEquals(Instant.ofEpochMilli(5 * MIN), sent.get(0).startsAt());
        assertEquals(Instant.ofEpochMilli(9 * MIN), sent.get(0).endsAt(), "valid for 4 x max(resend delay, interval)");
        assertEquals("http://x/graph?g0.expr=load+%3E+1&g0.tab=1", sent.get(0).generatorURL());
        assertTrue(r.alertsToSend(6 * MIN, MIN, MIN, "http://x").isEmpty(), "not again within the resend delay");

        result.clear();
        out = r.eval(7 * MIN, 0, query, 0);
        assertTrue(out.isEmpty(), "resolved alerts write no ALERTS sample");
        assertEquals(AlertState.INACTIVE, state(r));
        assertTrue(r.info().alerts().isEmpty());
        sent = r.alertsToSend(7 * MIN, MIN, MIN, "http://x");
        assertEquals(Instant.ofEpochMilli(7 * MIN), sent.get(0).endsAt(), "resolved: endsAt is the resolution time");
        // kept for 15 minutes after resolving, then dropped
        r.eval(22 * MIN, 0, query, 0);
        assertEquals(AlertState.INACTIVE, state(r));
        r.eval(23 * MIN, 0, query, 0);
        assertTrue(r.alertsToSend(23 * MIN, MIN, MIN, "x").isEmpty());
    }

    @Test
    void pendingAlertThatStopsMatchingIsDropped() {
        AlertingRule r = rule(Duration.ofMinutes(5), Duration.ZERO);
        matching(2);
        r.eval(0, 0, query, 0);
        result.clear();
        r.eval(MIN, 0, query, 0);
        assertEquals(AlertState.INACTIVE, state(r));
        matching(3);
        r.eval(2 * MIN, 0, query, 0);
        assertEquals(Instant.ofEpochMilli(2 * MIN), r.info().alerts().get(0).activeAt(), "pending starts over");
    }

    @Test
    void zeroForFiresAtOnce() {
        AlertingRule r = rule(Duration.ZERO, Duration.ZERO);
        matching(2);
        r.eval(0, 0, query, 0);
        assertEquals(AlertState.FIRING, state(r));
    }

    @Test
    void keepFiringForHoldsAFiringAlert() {
        AlertingRule r = rule(Duration.ZERO, Duration.ofMinutes(3));
        matching(2);
        r.eval(0, 0, query, 0);
        result.clear();
        List<Sample> out = r.eval(MIN, 0, query, 0);
        assertEquals(AlertState.FIRING, state(r));
        assertEquals(Instant.ofEpochMilli(MIN), r.info().alerts().get(0).keepFiringSince());
        assertEquals(2, out.size(), "still written as firing");
        r.eval(3 * MIN, 0, query, 0);
        assertEquals(AlertState.FIRING, state(r));
        r.eval(4 * MIN, 0, query, 0);
        assertEquals(AlertState.INACTIVE, state(r), "resolved once keep_firing_for has passed");
    }

    @Test
    void keepFiringSinceIsClearedWhenTheConditionHoldsAgain() {
        AlertingRule r = rule(Duration.ZERO, Duration.ofMinutes(3));
        matching(2);
        r.eval(0, 0, query, 0);
        result.clear();
        r.eval(MIN, 0, query, 0);
        matching(2);
        r.eval(2 * MIN, 0, query, 0);
        assertNull(r.info().alerts().get(0).keepFiringSince());
    }

    @Test
    void limitFailsTheRuleAndDropsItsAlerts() {
        AlertingRule r = rule(Duration.ZERO, Duration.ZERO);
        result.add(new Sample(Labels.of("instance", "a"), 0, 2));
        result.add(new Sample(Labels.of("instance", "b"), 0, 2));
        Exception e = assertThrows(IllegalStateException.class, () -> r.eval(0, 0, query, 1));
        assertEquals("exceeded limit of 1 with 2 alerts", e.getMessage());
        assertTrue(r.info().alerts().isEmpty());
    }

    @Test
    void noSamplesWrittenUntilRestored() {
        RuleSpec spec = new RuleSpec("", "A", "x", Duration.ofHours(1), Duration.ZERO, Map.of(), Map.of());
        AlertingRule r = new AlertingRule(spec, Map.of(), "x", new GoTemplateExpander(Map.of(), "http://pharos:9090", (expr, t) -> List.of()), false);
        matching(1);
        assertTrue(r.eval(0, 0, query, 0).isEmpty());
        r.setRestored(true);
        assertEquals(2, r.eval(MIN, 0, query, 0).size());
    }

    @Test
    void queryOffsetShiftsQueryAndSampleTime() {
        AlertingRule r = rule(Duration.ZERO, Duration.ZERO);
        List<Long> asked = new ArrayList<>();
        QueryFunc q = (expr, t) -> {
            asked.add(t);
            return List.of(new Sample(Labels.of("instance", "a"), t, 2));
        };
        List<Sample> out = r.eval(10 * MIN, MIN, q, 0);
        assertEquals(List.of(9 * MIN), asked);
        assertEquals(9 * MIN, out.get(0).t());
    }

    @Test
    void infoShowsRuleFields() {
        RuleInfo info = rule(Duration.ofMinutes(5), Duration.ofMinutes(1)).info();
        assertEquals(RuleInfo.Type.ALERTING, info.type());
        assertEquals(Duration.ofMinutes(5), info.duration());
        assertEquals(Duration.ofMinutes(1), info.keepFiringFor());
        assertEquals(RuleInfo.Health.UNKNOWN, info.health());
        assertEquals("ops", info.labels().get("team"));
    }
}
