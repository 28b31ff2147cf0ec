package io.pharos.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;
import java.util.Map;

/**
 * A {@code static_config}: a target group of {@code host:port} addresses sharing a label set.
 *
 * @param targets the addresses, in file order (a null entry in YAML reads as "", as in Prometheus)
 * @param labels labels for every target, sorted by name (a null value reads as "")
 */
public record StaticConfig(
        @JsonProperty("targets") @JsonSetter(contentNulls = Nulls.AS_EMPTY) List<String> targets,
        @JsonProperty("labels") Map<String, String> labels) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public StaticConfig {
        targets = Frozen.list(targets, "targets");
        labels = Frozen.labels(labels);
    }
}
