package io.pharos.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one rule group.
 *
 * @param name the group's name
 * @param file the rule file it was loaded from, as resolved from {@code rule_files}
 * @param interval how often it is evaluated
 * @param limit the most series (recording) or alerts (alerting) a rule may produce; 0 for no limit
 * @param evaluationTime how long the last evaluation took
 * @param lastEvaluation when the last evaluation started (wall clock); null if never evaluated
 * @param rules its rules, in file order
 */
public record RuleGroupInfo(String name, String file, Duration interval, int limit, Duration evaluationTime,
                            Instant lastEvaluation, List<RuleInfo> rules) {
    public RuleGroupInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        rules = List.copyOf(rules);
    }
}
