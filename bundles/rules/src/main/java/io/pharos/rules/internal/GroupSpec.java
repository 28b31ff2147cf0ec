package io.pharos.rules.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One rule group as written in a rule file.
 *
 * @param file the file it comes from
 * @param name its name, unique within the file
 * @param interval its {@code interval}, null to use the global evaluation interval
 * @param queryOffset its {@code query_offset}, null to use the global rule query offset
 * @param limit its {@code limit}; 0 for none
 * @param labels labels added to every rule (a rule's own labels win)
 * @param rules the rules in file order
 */
record GroupSpec(String file, String name, Duration interval, Duration queryOffset, int limit,
                 Map<String, String> labels, List<RuleSpec> rules) {
    GroupSpec {
        labels = Map.copyOf(labels);
        rules = List.copyOf(rules);
    }
}
