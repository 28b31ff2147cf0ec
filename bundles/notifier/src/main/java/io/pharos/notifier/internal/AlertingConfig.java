package io.pharos.notifier.internal;

import io.pharos.config.Durations;
import io.pharos.config.HttpClientConfig;
import io.pharos.relabel.RelabelConfig;
import io.pharos.spi.discovery.TargetGroup;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.PluginConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code alerting} section of prometheus.yml, typed from the raw tree the config bundle keeps.
 * Errors name the field as a path ({@code alerting.alertmanagers[0].timeout: ...}).
 *
 * @param alertRelabelConfigs {@code alert_relabel_configs}, applied to every alert before queueing
 * @param alertmanagers one entry per {@code alertmanagers} element
 */
record AlertingConfig(List<RelabelConfig> alertRelabelConfigs, List<AlertmanagerConfig> alertmanagers) {
    static final AlertingConfig EMPTY = new AlertingConfig(List.of(), List.of());
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> ALERTING_KEYS = Set.of("alert_relabel_configs", "alertmanagers");
    private static final Set<String> AM_KEYS = Set.of("api_version", "path_prefix", "scheme", "timeout",
            "relabel_configs", "alert_relabel_configs", "static_configs", "sigv4");
    private static final Set<String> STATIC_KEYS = Set.of("targets", "labels");

    /**
     * One {@code alertmanager_config}.
     *
     * @param scheme {@code http} or {@code https}
     * @param pathPrefix prefix of the push path, as written ("" if none)
     * @param timeout per push request
     * @param http the inline HTTP client settings
     * @param relabelConfigs relabeling of discovered Alertmanager targets
     * @param alertRelabelConfigs relabeling of the alerts sent to this set only
     * @param staticGroups {@code static_configs} as target groups
     * @param sdConfigs {@code <type>_sd_configs} entries by type, raw
     */
    record AlertmanagerConfig(String scheme, String pathPrefix, Duration timeout, HttpClientConfig http,
            List<RelabelConfig> relabelConfigs, List<RelabelConfig> alertRelabelConfigs,
            List<TargetGroup> staticGroups, Map<String, List<Map<String, Object>>> sdConfigs) {

        /** The push path: {@code path.Join("/", path_prefix, "/api/v2/alerts")}. */
        String alertsPath() {
            StringBuilder sb = new StringBuilder();
            for (String part : pathPrefix.split("/")) {
                if (!part.isEmpty() && !part.equals(".")) {
                    sb.append('/').append(part);
                }
            }
            return sb.append("/api/v2/alerts").toString();
        }
    }

    /**
     * Reads the raw section.
     *
     * @param configDir the configuration file's directory, for relative {@code *_file} paths
     * @throws PluginConfigException naming the offending field
     */
    static AlertingConfig parse(Map<String, Object> raw, Path configDir) throws PluginConfigException {
        if (raw == null || raw.isEmpty()) {
            return EMPTY;
        }
        checkKeys(raw, ALERTING_KEYS, "alerting");
        List<RelabelConfig> relabel = relabel(raw.get("alert_relabel_configs"), "alerting.alert_relabel_configs");
        List<AlertmanagerConfig> ams = new ArrayList<>();
        List<?> list = list(raw.get("alertmanagers"), "alerting.alertmanagers");
        for (int i = 0; i < list.size(); i++) {
            String at = "alerting.alertmanagers[" + i + "]";
            ams.add(alertmanager(mapping(list.get(i), at), at, configDir));
        }
        return new AlertingConfig(relabel, List.copyOf(ams));
    }

    private static AlertmanagerConfig alertmanager(Map<String, Object> m, String at, Path configDir)
            throws PluginConfigException {
        Map<String, List<Map<String, Object>>> sd = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String key = e.getKey();
            if (key.endsWith("_sd_configs")) {
                List<Map<String, Object>> entries = new ArrayList<>();
                List<?> l = list(e.getValue(), at + "." + key);
                for (int k = 0; k < l.size(); k++) {
                    entries.add(mapping(l.get(k), at + "." + key + "[" + k + "]"));
                }
                sd.put(key.substring(0, key.length() - "_sd_configs".length()), List.copyOf(entries));
            } else if (!AM_KEYS.contains(key) && !HttpClientConfig.FIELDS.contains(key)) {
                throw new PluginConfigException(at + ": field " + key + " not found in type config.AlertmanagerConfig");
            }
        }
        String version = string(m, "api_version", at, "v2");
        if (!version.equals("v2")) {
            throw new PluginConfigException(at + ".api_version: expected Alertmanager api version to be one of [v2] but got "
                    + version);
        }
        if (m.get("sigv4") != null) {
            throw new PluginConfigException(at + ".sigv4: sigv4 is not supported yet");
        }
        String scheme = string(m, "scheme", at, "http");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new PluginConfigException(at + ".scheme: must be \"http\" or \"https\", got \"" + scheme + "\"");
        }
        Duration timeout = DEFAULT_TIMEOUT;
        if (m.get("timeout") != null) {
            try {
                timeout = Durations.parse(string(m, "timeout", at, null));
            } catch (IllegalArgumentException e) {
                throw new PluginConfigException(at + ".timeout: " + e.getMessage(), e);
            }
        }
        HttpClientConfig http;
        try {
            http = HttpClientConfig.fromYaml(m, configDir);
        } catch (IllegalArgumentException e) {
            throw new PluginConfigException(at + ": " + e.getMessage(), e);
        }
        return new AlertmanagerConfig(scheme, string(m, "path_prefix", at, ""), timeout, http,
                relabel(m.get("relabel_configs"), at + ".relabel_configs"),
                relabel(m.get("alert_relabel_configs"), at + ".alert_relabel_configs"),
                staticGroups(m.get("static_configs"), at + ".static_configs"), sd);
    }

    private static List<TargetGroup> staticGroups(Object raw, String at) throws PluginConfigException {
        List<?> l = list(raw, at);
        List<TargetGroup> groups = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            String here = at + "[" + i + "]";
            Map<String, Object> m = mapping(l.get(i), here);
            checkKeys(m, STATIC_KEYS, here);
            List<Labels> targets = new ArrayList<>();
            List<?> addresses = list(m.get("targets"), here + ".targets");
            for (int k = 0; k < addresses.size(); k++) {
                Object a = addresses.get(k);
                String address = a == null ? "" : a.toString();
                if (a instanceof Map || a instanceof List || address.contains("/")) {
                    throw new PluginConfigException(here + ".targets[" + k + "]: \"" + address
                            + "\" is not a valid hostname");
                }
                targets.add(Labels.of("__address__", address));
            }
            Map<String, String> labels = new LinkedHashMap<>();
            Object rawLabels = m.get("labels");
            if (rawLabels != null) {
                mapping(rawLabels, here + ".labels").forEach((k, v) -> labels.put(k, v == null ? "" : v.toString()));
            }
            groups.add(new TargetGroup(String.valueOf(i), targets, Labels.of(labels)));
        }
        return List.copyOf(groups);
    }

    private static List<RelabelConfig> relabel(Object raw, String at) throws PluginConfigException {
        List<?> l = list(raw, at);
        List<RelabelConfig> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            try {
                out.add(RelabelConfig.fromYaml(mapping(l.get(i), at + "[" + i + "]")));
            } catch (PluginConfigException e) {
                throw new PluginConfigException(at + "[" + i + "]: " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    private static void checkKeys(Map<String, Object> m, Set<String> allowed, String at) throws PluginConfigException {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw new PluginConfigException(at + ": field " + k + " not found");
            }
        }
    }

    private static String string(Map<String, Object> m, String key, String at, String dflt)
            throws PluginConfigException {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Map || v instanceof List) {
            throw new PluginConfigException(at + "." + key + ": expected a string");
        }
        String s = v.toString();
        return s.isEmpty() && dflt != null ? dflt : s;
    }

    private static List<?> list(Object v, String at) throws PluginConfigException {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new PluginConfigException(at + ": expected a list");
        }
        return l;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Object v, String at) throws PluginConfigException {
        if (!(v instanceof Map)) {
            throw new PluginConfigException(at + ": expected a mapping, got " + (v == null ? "null" : v));
        }
        return (Map<String, Object>) v;
    }
}
