package io.pharos.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded configuration written back as YAML, as Prometheus' {@code /api/v1/status/config} shows
 * it: defaults filled in where Pharos knows them, and every secret replaced by {@code <secret>}.
 * Secrets are found by field name anywhere in the tree, so raw sections (remote write, SD
 * configs, alerting) are masked without being typed.
 */
public final class ConfigYaml {
    /** What Prometheus shows instead of a secret. */
    public static final String SECRET = "<secret>";

    /** Fields of Prometheus' secret type, wherever they occur. */
    static final Set<String> SECRET_FIELDS = Set.of("password", "credentials", "bearer_token", "client_secret",
            "secret_key", "token", "auth_token", "application_credential_secret", "application_secret",
            "consumer_key");

    private static final YAMLMapper MAPPER = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private ConfigYaml() {
    }

    /** The configuration as YAML with its secrets masked. */
    public static String masked(PrometheusConfig config) {
        try {
            return MAPPER.writeValueAsString(tree(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the configuration as YAML: " + e.getMessage(), e);
        }
    }

    /** The configuration as a tree of maps, lists and scalars, secrets masked, in Prometheus' field order. */
    public static Map<String, Object> tree(PrometheusConfig c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("global", global(c.global()));
        putRaw(out, "runtime", c.runtime());
        putRaw(out, "alerting", c.alerting());
        putList(out, "rule_files", c.ruleFiles());
        putList(out, "scrape_config_files", c.scrapeConfigFiles());
        List<Object> jobs = new ArrayList<>();
        for (ScrapeConfig sc : c.scrapeConfigs()) {
            jobs.add(scrapeConfig(sc, c.global()));
        }
        putList(out, "scrape_configs", jobs);
        putList(out, "remote_write", c.remoteWrite());
        putList(out, "remote_read", c.remoteRead());
        putRaw(out, "storage", c.storage());
        putRaw(out, "tracing", c.tracing());
        putRaw(out, "otlp", c.otlp());
        @SuppressWarnings("unchecked")
        Map<String, Object> masked = (Map<String, Object>) mask(out, "");
        return masked;
    }

    private static Map<String, Object> global(GlobalConfig g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scrape_interval", Durations.format(g.scrapeInterval()));
        out.put("scrape_timeout", Durations.format(g.scrapeTimeout()));
        // Unset, Prometheus shows the protocols it negotiates by default.
        out.put("scrape_protocols", g.scrapeProtocols().isEmpty()
                ? protocolNames(g.scrapeNativeHistograms() ? ScrapeProtocols.DEFAULT_NATIVE_HISTOGRAMS
                        : ScrapeProtocols.DEFAULT)
                : g.scrapeProtocols());
        out.put("evaluation_interval", Durations.format(g.evaluationInterval()));
        if (!g.ruleQueryOffset().isZero()) {
            out.put("rule_query_offset", Durations.format(g.ruleQueryOffset()));
        }
        if (!g.externalLabels().isEmpty()) {
            out.put("external_labels", g.externalLabels());
        }
        putString(out, "query_log_file", g.queryLogFile());
        putString(out, "scrape_failure_log_file", g.scrapeFailureLogFile());
        putString(out, "body_size_limit", g.bodySizeLimit());
        putInt(out, "sample_limit", g.sampleLimit());
        putInt(out, "target_limit", g.targetLimit());
        putInt(out, "label_limit", g.labelLimit());
        putInt(out, "label_name_length_limit", g.labelNameLengthLimit());
        putInt(out, "label_value_length_limit", g.labelValueLengthLimit());
        putInt(out, "keep_dropped_targets", g.keepDroppedTargets());
        out.put("metric_name_validation_scheme", g.metricNameValidationScheme());
        out.put("metric_name_escaping_scheme", g.metricNameEscapingScheme());
        return out;
    }

    private static Map<String, Object> scrapeConfig(ScrapeConfig sc, GlobalConfig global) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job_name", sc.jobName());
        if (sc.honorLabels()) {
            out.put("honor_labels", true);
        }
        out.put("honor_timestamps", sc.honorTimestamps());
        out.put("track_timestamps_staleness", Boolean.TRUE.equals(sc.extra().get("track_timestamps_staleness")));
        putDuration(out, "scrape_interval", sc.scrapeInterval());
        putDuration(out, "scrape_timeout", sc.scrapeTimeout());
        out.put("scrape_protocols", protocolNames(ScrapeProtocols.of(sc, global).accept()));
        out.put("metrics_path", sc.metricsPath());
        out.put("scheme", sc.scheme());
        if (!sc.params().isEmpty()) {
            out.put("params", sc.params());
        }
        // Pharos asks for gzip and follows redirects unless told otherwise, as Prometheus.
        out.put("enable_compression", true);
        out.put("follow_redirects", true);
        out.putAll(sc.extra());
        for (Map.Entry<String, List<Map<String, Object>>> sd : sc.sdConfigs().entrySet()) {
            out.put(sd.getKey() + ScrapeConfig.SD_CONFIGS_SUFFIX, sd.getValue());
        }
        if (!sc.staticConfigs().isEmpty()) {
            List<Object> groups = new ArrayList<>();
            for (StaticConfig s : sc.staticConfigs()) {
                Map<String, Object> group = new LinkedHashMap<>();
                group.put("targets", s.targets());
                if (s.labels() != null && !s.labels().isEmpty()) {
                    group.put("labels", s.labels());
                }
                groups.add(group);
            }
            out.put("static_configs", groups);
        }
        return out;
    }

    /**
     * Replaces secrets: a secret field's value (or each element or value of it), {@code key} of a
     * {@code tls_config}, {@code secrets} of an {@code http_headers} entry, and every value of
     * {@code proxy_connect_header}. Empty secrets are left out, as Prometheus omits them.
     */
    static Object mask(Object value, String field) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String name = String.valueOf(e.getKey());
                boolean secret = SECRET_FIELDS.contains(name)
                        || name.equals("key") && field.equals("tls_config")
                        || name.equals("secrets")
                        || field.equals("proxy_connect_header");
                Object v = secret ? secret(e.getValue()) : mask(e.getValue(), name);
                if (v != null) {
                    out.put(name, v);
                }
            }
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(mask(o, field));
            }
            return out;
        }
        if (value instanceof Duration d) {
            return Durations.format(d);
        }
        return value;
    }

    private static Object secret(Object v) {
        if (v == null || v instanceof String s && s.isEmpty()) {
            return null;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(o -> out.add(secret(o)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, o) -> out.put(String.valueOf(k), secret(o)));
            return out;
        }
        return SECRET;
    }

    private static void putRaw(Map<String, Object> out, String key, Map<String, Object> raw) {
        if (raw != null && !raw.isEmpty()) {
            out.put(key, raw);
        }
    }

    private static List<String> protocolNames(List<ScrapeProtocol> protocols) {
        List<String> names = new ArrayList<>(protocols.size());
        for (ScrapeProtocol p : protocols) {
            names.add(p.configName());
        }
        return names;
    }

    private static void putList(Map<String, Object> out, String key, List<?> list) {
        if (list != null && !list.isEmpty()) {
            out.put(key, list);
        }
    }

    private static void putString(Map<String, Object> out, String key, String v) {
        if (v != null && !v.isEmpty()) {
            out.put(key, v);
        }
    }

    private static void putInt(Map<String, Object> out, String key, int v) {
        if (v != 0) {
            out.put(key, v);
        }
    }

    private static void putDuration(Map<String, Object> out, String key, Duration d) {
        if (d != null) {
            out.put(key, Durations.format(d));
        }
    }
}
