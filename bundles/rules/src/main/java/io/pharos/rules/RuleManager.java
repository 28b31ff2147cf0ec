package io.pharos.rules;

import java.util.ArrayList;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The rule groups loaded from the configured rule files and the state of their evaluation, as
 * Prometheus' {@code /api/v1/rules} and {@code /api/v1/alerts} show them.
 */
@ProviderType
public interface RuleManager {
    /** Every loaded group, sorted by file, then by name (Prometheus' order). */
    List<RuleGroupInfo> groups();

    /** The pending and firing alerts of every alerting rule, in group and rule order. */
    default List<AlertInfo> alerts() {
        List<AlertInfo> out = new ArrayList<>();
        for (RuleGroupInfo g : groups()) {
            for (RuleInfo r : g.rules()) {
                out.addAll(r.alerts());
            }
        }
        return out;
    }
}
