package io.pharos.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pharos.spi.util.GoStrings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of {@code scrape_configs}. The fields Pharos scrapes with are typed; every other field
 * Prometheus 3.x documents is kept raw in {@link #extra()}, and every {@code <type>_sd_configs} list
 * in {@link #sdConfigs()}, until later work types them.
 *
 * <p>A null {@code scrapeInterval} or {@code scrapeTimeout} means "inherit from global";
 * {@link #withDefaultsFrom(GlobalConfig)} resolves them, and configurations returned by
 * {@link ConfigLoader} are always resolved.
 *
 * @param jobName the job name, unique in the file; the default {@code job} label
 * @param scrapeInterval how often to scrape, or null to inherit
 * @param scrapeTimeout how long a scrape may take, or null to inherit; never above the interval
 * @param metricsPath the HTTP path to scrape, {@code /metrics} by default
 * @param scheme {@code http} (the default) or {@code https}
 * @param honorLabels whether scraped labels win over target labels on conflict
 * @param honorTimestamps whether to keep timestamps the target exposes (true by default)
 * @param params URL query parameters sent with each scrape
 * @param staticConfigs the statically configured target groups
 * @param sdConfigs service discovery configurations by type ({@code file} for
 *     {@code file_sd_configs}), each kept as raw YAML mappings
 * @param extra other documented scrape_config fields, kept raw under their YAML names
 */
public record ScrapeConfig(
        @JsonProperty("job_name") String jobName,
        @JsonProperty("scrape_interval") Duration scrapeInterval,
        @JsonProperty("scrape_timeout") Duration scrapeTimeout,
        @JsonProperty("metrics_path") String metricsPath,
        @JsonProperty("scheme") String scheme,
        @JsonProperty("honor_labels") boolean honorLabels,
        @JsonProperty("honor_timestamps") boolean honorTimestamps,
        @JsonProperty("params") Map<String, List<String>> params,
        @JsonProperty("static_configs") List<StaticConfig> staticConfigs,
        @JsonIgnore Map<String, List<Map<String, Object>>> sdConfigs,
        @JsonIgnore Map<String, Object> extra) {

    public static final String DEFAULT_METRICS_PATH = "/metrics";
    public static final String DEFAULT_SCHEME = "http";
    /** The suffix of service discovery keys: {@code file_sd_configs} is SD type {@code file}. */
    public static final String SD_CONFIGS_SUFFIX = "_sd_configs";

    /**
     * The scrape_config fields of Prometheus 3.x that are accepted but not typed yet, including the
     * HTTP client fields that sit inline and 2.x's {@code scrape_classic_histograms}.
     */
    public static final Set<String> EXTRA_FIELDS = Set.of(
            "relabel_configs", "metric_relabel_configs",
            "track_timestamps_staleness", "scrape_protocols", "fallback_scrape_protocol",
            "scrape_native_histograms", "scrape_classic_histograms", "always_scrape_classic_histograms",
            "convert_classic_histograms_to_nhcb", "native_histogram_bucket_limit",
            "native_histogram_min_bucket_factor", "enable_compression", "body_size_limit",
            "sample_limit", "target_limit", "label_limit", "label_name_length_limit",
            "label_value_length_limit", "keep_dropped_targets", "scrape_failure_log_file",
            "metric_name_validation_scheme", "metric_name_escaping_scheme", "extra_scrape_metrics",
            // prometheus/common HTTPClientConfig, inlined into scrape_config
            "basic_auth", "authorization", "oauth2", "bearer_token", "bearer_token_file", "tls_config",
            "follow_redirects", "enable_http2", "proxy_url", "no_proxy", "proxy_from_environment",
            "proxy_connect_header", "http_headers");

    public ScrapeConfig {
        if (jobName == null || jobName.isEmpty()) {
            throw new IllegalArgumentException("job_name is empty");
        }
        scrapeInterval = zeroIsUnset(scrapeInterval);
        scrapeTimeout = zeroIsUnset(scrapeTimeout);
        if (scrapeInterval != null && scrapeTimeout != null && scrapeTimeout.compareTo(scrapeInterval) > 0) {
            throw new IllegalArgumentException(
                    "scrape timeout greater than scrape interval for scrape config with job name " + GoStrings.quote(jobName));
        }
        metricsPath = metricsPath == null || metricsPath.isEmpty() ? DEFAULT_METRICS_PATH : metricsPath;
        scheme = scheme == null || scheme.isEmpty() ? DEFAULT_SCHEME : scheme;
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("invalid scheme " + GoStrings.quote(scheme) + " for scrape config with job name "
                    + GoStrings.quote(jobName) + ": must be \"http\" or \"https\"");
        }
        params = params(params);
        staticConfigs = Frozen.list(staticConfigs, "static_configs");
        sdConfigs = sdConfigs(sdConfigs);
        extra = Frozen.raw(extra);
        checkRules(extra.get("relabel_configs"), "relabel_configs",
                "empty or null target relabeling rule in scrape config");
        checkRules(extra.get("metric_relabel_configs"), "metric_relabel_configs",
                "empty or null metric relabeling rule in scrape config");
        ScrapeProtocols.check(jobName, extra);
    }

    /**
     * This config with the interval and timeout Prometheus would use: an unset interval is the
     * global one; an unset timeout is the global one, but never longer than the interval.
     *
     * @throws IllegalArgumentException if an explicit timeout exceeds the resulting interval
     */
    public ScrapeConfig withDefaultsFrom(GlobalConfig global) {
        Duration interval = scrapeInterval != null ? scrapeInterval : global.scrapeInterval();
        Duration timeout = scrapeTimeout != null ? scrapeTimeout : GlobalConfig.min(global.scrapeTimeout(), interval);
        return new ScrapeConfig(jobName, interval, timeout, metricsPath, scheme, honorLabels, honorTimestamps,
                params, staticConfigs, sdConfigs, extra);
    }

    /**
     * This job's HTTP client settings (the inline prometheus/common fields), validated at load.
     *
     * @param configDir the configuration file's directory, against which relative {@code *_file}
     *     paths are resolved; null keeps them as written
     * @throws IllegalArgumentException when invalid (never for configurations the loader returned)
     */
    public HttpClientConfig httpClientConfig(Path configDir) {
        return HttpClientConfig.fromYaml(extra, configDir);
    }

    /** {@code enable_compression}: whether to ask targets for gzip (true by default). */
    public boolean enableCompression() {
        Object v = extra.get("enable_compression");
        if (v != null && !(v instanceof Boolean)) {
            throw new IllegalArgumentException("enable_compression: expected a boolean, got " + v);
        }
        return !Boolean.FALSE.equals(v);
    }

    /** The job's scrape protocols and fallback, resolved against {@code global}. */
    public ScrapeProtocols scrapeProtocols(GlobalConfig global) {
        return ScrapeProtocols.of(this, global);
    }

    /** The target relabelling rules, raw (validated at load); empty when none. */
    public List<Map<String, Object>> relabelConfigs() {
        return rules("relabel_configs");
    }

    /** The metric relabelling rules, raw (validated at load); empty when none. */
    public List<Map<String, Object>> metricRelabelConfigs() {
        return rules("metric_relabel_configs");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> rules(String key) {
        Object rules = extra.get(key);
        return rules instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static Duration zeroIsUnset(Duration d) {
        return d == null || d.isZero() ? null : d;
    }

    private static Map<String, List<String>> params(Map<String, List<String>> params) {
        if (params == null || params.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, List<Map<String, Object>>> sdConfigs(Map<String, List<Map<String, Object>>> sd) {
        if (sd == null || sd.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Map<String, Object>>> copy = new LinkedHashMap<>();
        sd.forEach((type, configs) -> {
            if (type == null || type.isEmpty()) {
                throw new IllegalArgumentException("service discovery type is empty");
            }
            copy.put(type, Frozen.rawList(configs, type + SD_CONFIGS_SUFFIX));
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Relabelling rules stay raw for now, but must be a list of mappings, as Prometheus requires. */
    private static void checkRules(Object rules, String key, String nullMessage) {
        if (rules == null) {
            return;
        }
        if (!(rules instanceof List<?> list)) {
            throw new IllegalArgumentException(key + " must be a list of relabelling rules");
        }
        for (Object rule : list) {
            if (rule == null) {
                throw new IllegalArgumentException(nullMessage);
            }
            if (!(rule instanceof Map)) {
                throw new IllegalArgumentException(key + " must be a list of relabelling rules, got " + rule);
            }
        }
    }
}
