package io.pharos.rules.internal;

import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** Writes the rule manager's metrics with Prometheus' names, help texts and {@code rule_group} label. */
final class RuleMetricsWriter {
    private RuleMetricsWriter() {
    }

    static void write(Map<String, GroupMetrics> metrics, MetricWriter out) throws IOException {
        Map<String, GroupMetrics> sorted = new TreeMap<>(metrics);
        GroupMetrics all = new GroupMetrics();
        for (GroupMetrics m : sorted.values()) {
            all.ruleDurationSum.add(m.ruleDurationSum.sum());
            all.ruleDurationCount.add(m.ruleDurationCount.sum());
            all.groupDurationSum.add(m.groupDurationSum.sum());
            all.groupDurationCount.add(m.groupDurationCount.sum());
        }
        out.family("prometheus_rule_evaluation_duration_seconds", MetricType.SUMMARY, "The duration for a rule to execute.");
        out.sample("prometheus_rule_evaluation_duration_seconds_sum", all.ruleDurationSum.sum());
        out.sample("prometheus_rule_evaluation_duration_seconds_count", all.ruleDurationCount.sum());
        out.family("prometheus_rule_group_duration_seconds", MetricType.SUMMARY, "The duration of rule group evaluations.");
        out.sample("prometheus_rule_group_duration_seconds_sum", all.groupDurationSum.sum());
        out.sample("prometheus_rule_group_duration_seconds_count", all.groupDurationCount.sum());
        perGroup(out, sorted, "prometheus_rule_evaluations_total", MetricType.COUNTER,
                "The total number of rule evaluations.", m -> m.evaluations.sum());
        perGroup(out, sorted, "prometheus_rule_evaluation_failures_total", MetricType.COUNTER,
                "The total number of rule evaluation failures.", m -> m.evaluationFailures.sum());
        perGroup(out, sorted, "prometheus_rule_group_iterations_missed_total", MetricType.COUNTER,
                "The total number of rule group evaluations missed due to slow rule group evaluation.",
                m -> m.iterationsMissed.sum());
        perGroup(out, sorted, "prometheus_rule_group_iterations_total", MetricType.COUNTER,
                "The total number of scheduled rule group evaluations, whether executed or missed.",
                m -> m.iterationsScheduled.sum());
        perGroup(out, sorted, "prometheus_rule_group_interval_seconds", MetricType.GAUGE,
                "The interval of a rule group.", m -> m.intervalSeconds);
        perGroup(out, sorted, "prometheus_rule_group_last_duration_seconds", MetricType.GAUGE,
                "The duration of the last rule group evaluation.", m -> m.lastDurationSeconds);
        perGroup(out, sorted, "prometheus_rule_group_last_evaluation_timestamp_seconds", MetricType.GAUGE,
                "The timestamp of the last rule group evaluation in seconds.", m -> m.lastEvaluationTimestampSeconds);
        perGroup(out, sorted, "prometheus_rule_group_last_evaluation_samples", MetricType.GAUGE,
                "The number of samples returned during the last rule group evaluation.", m -> m.lastSamples);
        perGroup(out, sorted, "prometheus_rule_group_last_restore_duration_seconds", MetricType.GAUGE,
                "The duration of the last alert rules alerts restoration using the `ALERTS_FOR_STATE` series.",
                m -> m.lastRestoreDurationSeconds);
        perGroup(out, sorted, "prometheus_rule_group_last_rule_duration_sum_seconds", MetricType.GAUGE,
                "The sum of time in seconds it took to evaluate each rule in the group regardless of concurrency. "
                        + "This should be higher than the group duration if rules are evaluated concurrently.",
                m -> m.lastRuleDurationSumSeconds);
        perGroup(out, sorted, "prometheus_rule_group_rules", MetricType.GAUGE,
                "The number of rules.", m -> m.rules);
    }

    private static void perGroup(MetricWriter out, Map<String, GroupMetrics> groups, String name, MetricType type,
                                 String help, ToDoubleFunction<GroupMetrics> value) throws IOException {
        out.family(name, type, help);
        for (Map.Entry<String, GroupMetrics> e : groups.entrySet()) {
            out.sample(name, Labels.of("rule_group", e.getKey()), value.applyAsDouble(e.getValue()));
        }
    }
}
