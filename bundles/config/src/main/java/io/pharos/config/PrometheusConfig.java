package io.pharos.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole {@code prometheus.yml}. {@code global}, {@code rule_files} and {@code scrape_configs} are
 * typed; the other top-level sections of Prometheus 3.x are kept as raw YAML trees (maps, lists,
 * strings, numbers, booleans; unmodifiable) so that later work can type them. Absent sections are
 * empty, never null.
 *
 * @param global the global section (defaults when absent)
 * @param ruleFiles rule file paths or globs, as written
 * @param scrapeConfigs the scrape jobs, in file order
 * @param scrapeConfigFiles globs of files holding more scrape configs, as written
 * @param alerting the {@code alerting} section, raw
 * @param remoteWrite the {@code remote_write} entries, raw
 * @param remoteRead the {@code remote_read} entries, raw
 * @param storage the {@code storage} section, raw
 * @param tracing the {@code tracing} section, raw
 * @param otlp the {@code otlp} section, raw
 * @param runtime the {@code runtime} section, raw
 */
public record PrometheusConfig(
        @JsonProperty("global") GlobalConfig global,
        @JsonProperty("rule_files") @JsonSetter(contentNulls = Nulls.AS_EMPTY) List<String> ruleFiles,
        @JsonProperty("scrape_configs") @JsonSetter(contentNulls = Nulls.FAIL) List<ScrapeConfig> scrapeConfigs,
        @JsonProperty("scrape_config_files") @JsonSetter(contentNulls = Nulls.AS_EMPTY) List<String> scrapeConfigFiles,
        @JsonProperty("alerting") Map<String, Object> alerting,
        @JsonProperty("remote_write") @JsonSetter(contentNulls = Nulls.FAIL) List<Map<String, Object>> remoteWrite,
        @JsonProperty("remote_read") @JsonSetter(contentNulls = Nulls.FAIL) List<Map<String, Object>> remoteRead,
        @JsonProperty("storage") Map<String, Object> storage,
        @JsonProperty("tracing") Map<String, Object> tracing,
        @JsonProperty("otlp") Map<String, Object> otlp,
        @JsonProperty("runtime") Map<String, Object> runtime) {

    /** The configuration of an empty file: global defaults, nothing to scrape. */
    public static final PrometheusConfig DEFAULT = new PrometheusConfig(null, null, null);

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public PrometheusConfig {
        global = global == null ? GlobalConfig.DEFAULT : global;
        ruleFiles = Frozen.list(ruleFiles, "rule_files");
        scrapeConfigs = Frozen.list(scrapeConfigs, "scrape_configs");
        scrapeConfigFiles = Frozen.list(scrapeConfigFiles, "scrape_config_files");
        alerting = Frozen.raw(alerting);
        remoteWrite = Frozen.rawList(remoteWrite, "remote_write");
        remoteRead = Frozen.rawList(remoteRead, "remote_read");
        storage = Frozen.raw(storage);
        tracing = Frozen.raw(tracing);
        otlp = Frozen.raw(otlp);
        runtime = Frozen.raw(runtime);
    }

    /** A configuration with only the typed sections. */
    public PrometheusConfig(GlobalConfig global, List<String> ruleFiles, List<ScrapeConfig> scrapeConfigs) {
        this(global, ruleFiles, scrapeConfigs, null, null, null, null, null, null, null, null);
    }

    /** The scrape config with this job name, if any. */
    public Optional<ScrapeConfig> scrapeConfig(String jobName) {
        return scrapeConfigs.stream().filter(s -> s.jobName().equals(jobName)).findFirst();
    }
}
