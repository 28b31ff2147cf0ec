package io.pharos.rules.internal;

import io.pharos.promql.Sample;
import io.pharos.rules.RuleInfo;
import io.pharos.rules.RuleInfo.Health;
import io.pharos.spi.model.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A rule of a running group, with the health and timings of its last evaluation. */
abstract class Rule {
    final RuleSpec spec;
    /** The rule's labels with the group's merged in (the rule's win). */
    final Labels labels;
    /** The expression as Prometheus prints it; what is queried and shown. */
    final String query;
    private volatile Health health = Health.UNKNOWN;
    private volatile String lastError = "";
    private volatile Duration evaluationTime = Duration.ZERO;
    private volatile Instant lastEvaluation;

    Rule(RuleSpec spec, Map<String, String> groupLabels, String query) {
        this.spec = spec;
        Labels.Builder b = Labels.builder();
        groupLabels.forEach(b::set);
        spec.labels().forEach(b::set);
        this.labels = b.build();
        this.query = query;
    }

    String name() {
        return spec.name();
    }

    /**
     * Evaluates the rule at {@code ts} (ms), querying at {@code ts - queryOffset}.
     *
     * @return the samples to write
     * @throws Exception why the evaluation failed; the rule's health turns bad
     */
    abstract List<Sample> eval(long ts, long queryOffsetMs, QueryFunc query, int limit) throws Exception;

    abstract RuleInfo info();

    void setResult(Health health, String error) {
        this.health = health;
        this.lastError = error == null ? "" : error;
    }

    void setTiming(Instant started, Duration took) {
        this.lastEvaluation = started;
        this.evaluationTime = took;
    }

    /** Carries health and timings over a reload that replaced the group. */
    void copyStatus(Rule from) {
        health = from.health;
        lastError = from.lastError;
        evaluationTime = from.evaluationTime;
        lastEvaluation = from.lastEvaluation;
    }

    Health health() {
        return health;
    }

    String lastError() {
        return lastError;
    }

    Duration evaluationTime() {
        return evaluationTime;
    }

    Instant lastEvaluation() {
        return lastEvaluation;
    }

    /** What identifies a rule across reloads: its name and labels (Prometheus' {@code nameAndLabels}). */
    String identity() {
        return name() + labels;
    }
}
