package io.pharos.relabel;

import io.pharos.spi.model.PluginConfigException;
import io.pharos.spi.util.GoStrings;
import java.util.Locale;

/** What a relabel config does. The YAML name is the constant's name in lower case. */
public enum Action {
    REPLACE,
    LOWERCASE,
    UPPERCASE,
    KEEP,
    DROP,
    KEEPEQUAL,
    DROPEQUAL,
    HASHMOD,
    LABELMAP,
    LABELDROP,
    LABELKEEP;

    private final String yamlName = name().toLowerCase(Locale.ROOT);

    /** The name used in configuration files, e.g. {@code labeldrop}. */
    public String yamlName() {
        return yamlName;
    }

    /**
     * The action named {@code s}. Case does not matter: Prometheus lower-cases the value before
     * looking it up, so {@code Keep} is accepted.
     */
    public static Action fromYaml(String s) throws PluginConfigException {
        String lower = GoCase.toLower(s);
        for (Action a : values()) {
            if (a.yamlName.equals(lower)) {
                return a;
            }
        }
        throw new PluginConfigException("unknown relabel action " + GoStrings.quote(s));
    }

    /** The YAML name, so that messages read like Prometheus' own ("for replace action"). */
    @Override
    public String toString() {
        return yamlName;
    }
}
