package io.pharos.spi.discovery;

import io.pharos.spi.model.Labels;
import java.util.List;

/**
 * A set of targets that share labels, as Prometheus' target groups.
 *
 * @param source identifies the group within its discoverer (e.g. file path and index)
 * @param targets one label set per target; each has {@code __address__} and any
 *                {@code __meta_<type>_*} labels
 * @param labels labels common to all targets of the group
 */
public record TargetGroup(String source, List<Labels> targets, Labels labels) {
    public TargetGroup {
        targets = List.copyOf(targets);
        labels = labels == null ? Labels.EMPTY : labels;
    }
}
