package io.pharos.rules.internal;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The per-group metrics of Prometheus' rule manager, labelled {@code rule_group="<file>;<name>"}.
 * Kept by group key in the manager, so counters continue when a reload replaces a group.
 */
final class GroupMetrics {
    final LongAdder evaluations = new LongAdder();
    final LongAdder evaluationFailures = new LongAdder();
    final LongAdder iterationsScheduled = new LongAdder();
    final LongAdder iterationsMissed = new LongAdder();
    /** Sum and count of single rule evaluation durations ({@code prometheus_rule_evaluation_duration_seconds}). */
    final DoubleAdder ruleDurationSum = new DoubleAdder();
    final LongAdder ruleDurationCount = new LongAdder();
    /** Sum and count of group iteration durations ({@code prometheus_rule_group_duration_seconds}). */
    final DoubleAdder groupDurationSum = new DoubleAdder();
    final LongAdder groupDurationCount = new LongAdder();
    volatile double lastDurationSeconds;
    volatile double lastRuleDurationSumSeconds;
    volatile double lastEvaluationTimestampSeconds;
    volatile double lastRestoreDurationSeconds;
    volatile long lastSamples;
    volatile double intervalSeconds;
    volatile int rules;
}
