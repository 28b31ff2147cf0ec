package io.pharos.rules.internal;

import io.pharos.promql.Sample;
import io.pharos.rules.AlertState;
import io.pharos.rules.RuleInfo;
import io.pharos.spi.model.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes the result of its expression under a new metric name, with its labels applied. */
final class RecordingRule extends Rule {
    RecordingRule(RuleSpec spec, Map<String, String> groupLabels, String query) {
        super(spec, groupLabels, query);
    }

    @Override
    List<Sample> eval(long ts, long queryOffsetMs, QueryFunc q, int limit) {
        List<Sample> vector = q.query(query, ts - queryOffsetMs);
        List<Sample> out = new ArrayList<>(vector.size());
        Set<Labels> seen = new HashSet<>();
        for (Sample s : vector) {
            Labels.Builder b = s.labels().toBuilder().set(Labels.METRIC_NAME, spec.record());
            labels.forEach(b::set);
            Labels l = b.build();
            if (!seen.add(l)) {
                throw new IllegalStateException(
                        "vector contains metrics with the same labelset after applying rule labels");
            }
            out.add(new Sample(l, s.t(), s.v()));
        }
        if (limit > 0 && out.size() > limit) {
            throw new IllegalStateException("exceeded limit of " + limit + " with " + out.size() + " series");
        }
        return out;
    }

    @Override
    RuleInfo info() {
        return new RuleInfo(RuleInfo.Type.RECORDING, name(), query, labels, Labels.EMPTY, Duration.ZERO,
                Duration.ZERO, AlertState.INACTIVE, List.of(), health(), lastError(), evaluationTime(),
                lastEvaluation());
    }
}
