package io.pharos.relabel;

import io.pharos.spi.model.PluginConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the plain YAML trees a YAML loader would hand over: maps, lists and scalars. */
final class Yaml {
    private Yaml() {
    }

    /** A mapping from alternating keys and values; values may be null, like {@code key:} in YAML. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** A sequence; elements may be null. */
    static List<Object> list(Object... elements) {
        return new ArrayList<>(Arrays.asList(elements));
    }

    /** Parses configs that are expected to be valid. */
    static List<RelabelConfig> configs(List<Map<String, Object>> nodes) {
        try {
            return RelabelConfig.fromYamlList(nodes);
        } catch (PluginConfigException e) {
            throw new AssertionError("config unexpectedly invalid: " + e.getMessage(), e);
        }
    }
}
