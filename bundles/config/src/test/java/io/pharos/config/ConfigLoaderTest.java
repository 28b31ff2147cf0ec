package io.pharos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static PrometheusConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "prometheus.yml");
    }

    /** Asserts that loading fails with exactly this position and reason. */
    private static ConfigException fails(String yaml, int line, int column, String reason) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        assertEquals("prometheus.yml:" + line + ":" + column + ": " + reason, e.getMessage());
        assertEquals("prometheus.yml", e.file());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
        assertEquals(reason, e.reason());
        return e;
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    // ---- defaults and inheritance

    @Test
    void emptyFileIsTheDefaultConfig() throws Exception {
        for (String empty : new String[] {"", "\n\n", "# only a comment\n", "---\n", "~\n"}) {
            PrometheusConfig c = parse(empty);
            assertEquals(PrometheusConfig.DEFAULT, c, empty);
        }
        PrometheusConfig c = PrometheusConfig.DEFAULT;
        assertEquals(Duration.ofMinutes(1), c.global().scrapeInterval());
        assertEquals(Duration.ofSeconds(10), c.global().scrapeTimeout());
        assertEquals(Duration.ofMinutes(1), c.global().evaluationInterval());
        assertEquals(Duration.ZERO, c.global().ruleQueryOffset());
        assertEquals(Map.of(), c.global().externalLabels());
        assertEquals("utf8", c.global().metricNameValidationScheme());
        assertEquals("allow-utf-8", c.global().metricNameEscapingScheme());
        assertEquals(List.of(), c.ruleFiles());
        assertEquals(List.of(), c.scrapeConfigs());
        assertEquals(Map.of(), c.alerting());
        assertEquals(List.of(), c.remoteWrite());
    }

    @Test
    void emptySectionsAreDefaults() throws Exception {
        PrometheusConfig c = parse(lines("global:", "rule_files:", "scrape_configs:", "alerting:"));
        assertEquals(PrometheusConfig.DEFAULT, c);
        assertEquals(PrometheusConfig.DEFAULT, parse(lines("global: {}", "scrape_configs: []")));
    }

    @Test
    void scrapeConfigDefaults() throws Exception {
        ScrapeConfig s = parse(lines("scrape_configs:", "  - job_name: node")).scrapeConfigs().get(0);
        assertEquals("node", s.jobName());
        assertEquals(Duration.ofMinutes(1), s.scrapeInterval());
        assertEquals(Duration.ofSeconds(10), s.scrapeTimeout());
        assertEquals("/metrics", s.metricsPath());
        assertEquals("http", s.scheme());
        assertFalse(s.honorLabels());
        assertTrue(s.honorTimestamps());
        assertEquals(Map.of(), s.params());
        assertEquals(List.of(), s.staticConfigs());
        assertEquals(Map.of(), s.sdConfigs());
        assertEquals(Map.of(), s.extra());
    }

    @Test
    void fullConfig() throws Exception {
        PrometheusConfig c = parse(lines(
                "global:",
                "  scrape_interval: 15s",
                "  scrape_timeout: 5s",
                "  evaluation_interval: 30s",
                "  rule_query_offset: 1m",
                "  external_labels:",
                "    region: eu",
                "    cluster: a",
                "  query_log_file: q.log",
                "  body_size_limit: 10MB",
                "  sample_limit: 1000",
                "  metric_name_validation_scheme: legacy",
                "  scrape_protocols: [PrometheusProto, OpenMetricsText1.0.0]",
                "  always_scrape_classic_histograms: true",
                "rule_files:",
                "  - rules/*.yml",
                "scrape_configs:",
                "  - job_name: prometheus",
                "    scrape_interval: 30s",
                "    metrics_path: /probe",
                "    scheme: https",
                "    honor_labels: true",
                "    honor_timestamps: false",
                "    params:",
                "      module: [http_2xx, tcp]",
                "    static_configs:",
                "      - targets: ['localhost:9090', 'other:9090']",
                "        labels:",
                "          env: prod",
                "      - targets: [a:1]"));
        GlobalConfig g = c.global();
        assertEquals(Duration.ofSeconds(15), g.scrapeInterval());
        assertEquals(Duration.ofSeconds(5), g.scrapeTimeout());
        assertEquals(Duration.ofSeconds(30), g.evaluationInterval());
        assertEquals(Duration.ofMinutes(1), g.ruleQueryOffset());
        assertEquals(List.of("cluster", "region"), List.copyOf(g.externalLabels().keySet()), "sorted by name");
        assertEquals("eu", g.externalLabels().get("region"));
        assertEquals("q.log", g.queryLogFile());
        assertEquals("10MB", g.bodySizeLimit());
        assertEquals(1000, g.sampleLimit());
        assertEquals("legacy", g.metricNameValidationScheme());
        assertEquals("underscores", g.metricNameEscapingScheme());
        assertEquals(List.of("PrometheusProto", "OpenMetricsText1.0.0"), g.scrapeProtocols());
        assertTrue(g.alwaysScrapeClassicHistograms());
        assertEquals(List.of("rules/*.yml"), c.ruleFiles());

        ScrapeConfig s = c.scrapeConfig("prometheus").orElseThrow();
        assertEquals(Duration.ofSeconds(30), s.scrapeInterval());
        assertEquals(Duration.ofSeconds(5), s.scrapeTimeout(), "global timeout inherited");
        assertEquals("/probe", s.metricsPath());
        assertEquals("https", s.scheme());
        assertTrue(s.honorLabels());
        assertFalse(s.honorTimestamps());
        assertEquals(Map.of("module", List.of("http_2xx", "tcp")), s.params());
        assertEquals(2, s.staticConfigs().size());
        assertEquals(new StaticConfig(List.of("localhost:9090", "other:9090"), Map.of("env", "prod")),
                s.staticConfigs().get(0));
        assertEquals(Map.of(), s.staticConfigs().get(1).labels());
    }

    @Test
    void scrapeDefaultsComeFromGlobal() throws Exception {
        PrometheusConfig c = parse(lines(
                "scrape_configs:",
                "  - job_name: a",
                "  - job_name: b",
                "    scrape_interval: 5s",
                "  - job_name: c",
                "    scrape_interval: 5s",
                "    scrape_timeout: 2s",
                "  - job_name: d",
                "    scrape_timeout: 20s",
                "global:",
                "  scrape_interval: 30s",
                "  scrape_timeout: 15s"));
        assertEquals(List.of("30s/15s", "5s/5s", "5s/2s", "30s/20s"), c.scrapeConfigs().stream()
                .map(s -> Durations.format(s.scrapeInterval()) + "/" + Durations.format(s.scrapeTimeout()))
                .toList(), "global may come after scrape_configs; a short interval caps the inherited timeout");
    }

    @Test
    void globalTimeoutIsCappedByGlobalInterval() throws Exception {
        GlobalConfig g = parse(lines("global:", "  scrape_interval: 5s")).global();
        assertEquals(Duration.ofSeconds(5), g.scrapeTimeout());
        g = parse(lines("global:", "  scrape_interval: 0s", "  evaluation_interval: 0")).global();
        assertEquals(Duration.ofMinutes(1), g.scrapeInterval(), "zero means unset");
        assertEquals(Duration.ofMinutes(1), g.evaluationInterval());
    }

    @Test
    void otherScrapeFieldsAndServiceDiscoveryAreKept() throws Exception {
        ScrapeConfig s = parse(lines(
                "scrape_configs:",
                "  - job_name: k8s",
                "    kubernetes_sd_configs:",
                "      - role: pod",
                "        namespaces:",
                "          names: [default]",
                "      - role: node",
                "    file_sd_configs:",
                "      - files: [targets/*.json]",
                "        refresh_interval: 1m",
                "    foo_sd_configs: []",
                "    relabel_configs:",
                "      - source_labels: [__meta_kubernetes_pod_name]",
                "        target_label: pod",
                "    metric_relabel_configs:",
                "      - action: drop",
                "        regex: go_.*",
                "    basic_auth:",
                "      username: u",
                "      password: p",
                "    tls_config:",
                "      insecure_skip_verify: true",
                "    follow_redirects: false",
                "    enable_http2: true",
                "    proxy_url: http://proxy:3128",
                "    sample_limit: 5000",
                "    label_limit: 10",
                "    body_size_limit: 1MB",
                "    scrape_protocols: [OpenMetricsText1.0.0]",
                "    fallback_scrape_protocol: PrometheusText0.0.4",
                "    enable_compression: false",
                "    track_timestamps_staleness: true",
                "    scrape_classic_histograms: true",
                "    always_scrape_classic_histograms: true",
                "    native_histogram_bucket_limit: 160",
                "    native_histogram_min_bucket_factor: 1.1",
                "    convert_classic_histograms_to_nhcb: true",
                "    scrape_failure_log_file: fail.log",
                "    metric_name_validation_scheme: legacy",
                "    metric_name_escaping_scheme: underscores",
                "    keep_dropped_targets: 3",
                "    target_limit: 2",
                "    label_name_length_limit: 100",
                "    label_value_length_limit: 200",
                "    http_headers: {X-A: {values: [b]}}")).scrapeConfigs().get(0);
        assertEquals(List.of("kubernetes", "file", "foo"), List.copyOf(s.sdConfigs().keySet()));
        List<Map<String, Object>> k8s = s.sdConfigs().get("kubernetes");
        assertEquals(2, k8s.size());
        assertEquals("pod", k8s.get(0).get("role"));
        assertEquals(Map.of("names", List.of("default")), k8s.get(0).get("namespaces"));
        assertEquals(List.of(Map.of("files", List.of("targets/*.json"), "refresh_interval", "1m")),
                s.sdConfigs().get("file"));
        assertEquals(List.of(), s.sdConfigs().get("foo"));
        assertEquals(1, s.relabelConfigs().size());
        assertEquals("pod", s.relabelConfigs().get(0).get("target_label"));
        assertEquals(5000, s.extra().get("sample_limit"));
        assertEquals(1.1, s.extra().get("native_histogram_min_bucket_factor"));
        assertEquals(Boolean.FALSE, s.extra().get("follow_redirects"));
        assertEquals(Map.of("username", "u", "password", "p"), s.extra().get("basic_auth"));
        // bearer_token_file and oauth2 are kept too, but conflict with basic_auth (HttpClientConfigTest)
        assertEquals(27, s.extra().size());
        assertThrows(UnsupportedOperationException.class, () -> s.extra().put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> k8s.get(0).put("x", 1));
    }

    @Test
    void rawTopLevelSectionsAreKept() throws Exception {
        PrometheusConfig c = parse(lines(
                "alerting:",
                "  alertmanagers:",
                "    - static_configs:",
                "        - targets: ['am:9093']",
                "remote_write:",
                "  - url: http://rw/api/v1/write",
                "    queue_config: {max_shards: 10}",
                "remote_read:",
                "  - url: http://rr/api/v1/read",
                "storage:",
                "  tsdb:",
                "    out_of_order_time_window: 30m",
                "tracing:",
                "  endpoint: otel:4317",
                "scrape_config_files: ['jobs/*.yml']",
                "otlp:",
                "  promote_resource_attributes: [service.name]",
                "runtime:",
                "  gogc: 50"));
        assertEquals(List.of(Map.of("static_configs", List.of(Map.of("targets", List.of("am:9093"))))),
                c.alerting().get("alertmanagers"));
        assertEquals("http://rw/api/v1/write", c.remoteWrite().get(0).get("url"));
        assertEquals(Map.of("max_shards", 10), c.remoteWrite().get(0).get("queue_config"));
        assertEquals("http://rr/api/v1/read", c.remoteRead().get(0).get("url"));
        assertEquals(Map.of("out_of_order_time_window", "30m"), c.storage().get("tsdb"));
        assertEquals("otel:4317", c.tracing().get("endpoint"));
        assertEquals(List.of("jobs/*.yml"), c.scrapeConfigFiles());
        assertEquals(List.of("service.name"), c.otlp().get("promote_resource_attributes"));
        assertEquals(50, c.runtime().get("gogc"));
    }

    @Test
    void nullsReadAsGoDoes() throws Exception {
        PrometheusConfig c = parse(lines(
                "global:",
                "  external_labels:",
                "    a:",
                "scrape_configs:",
                "  - job_name: x",
                "    scrape_interval:",
                "    relabel_configs:",
                "    static_configs:",
                "      - targets: [~, 'h:1']",
                "        labels: {b: ~}"));
        assertEquals(Map.of("a", ""), c.global().externalLabels());
        ScrapeConfig s = c.scrapeConfigs().get(0);
        assertEquals(Duration.ofMinutes(1), s.scrapeInterval());
        assertEquals(Map.of(), s.extra());
        assertEquals(new StaticConfig(List.of("", "h:1"), Map.of("b", "")), s.staticConfigs().get(0));
    }

    @Test
    void loadsFromFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("prometheus.yml");
        Files.writeString(f, lines("scrape_configs:", "  - job_name: a"));
        assertEquals("a", ConfigLoader.load(f).scrapeConfigs().get(0).jobName());

        Files.writeString(f, lines("scrape_configs:", "  - job_name: a", "    scrape_interval: 1.5s"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertEquals(f + ":3:22: not a valid duration string: \"1.5s\"", e.getMessage());
        assertEquals(f.toString(), e.file());

        Path missing = dir.resolve("missing.yml");
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        assertEquals(0, e.line());
        assertEquals(0, e.column());
    }

    // ---- unknown fields

    @Test
    void unknownFieldInScrapeConfig() {
        fails(lines(
                "global:",
                "  scrape_interval: 15s",
                "",
                "scrape_configs:",
                "  - job_name: node",
                "    static_configs: []",
                "    scrape_intervall: 10s"),
                7, 5, "field scrape_intervall not found in type scrape_config");
    }

    @Test
    void unknownFieldAtTopLevel() {
        fails(lines("global:", "  scrape_interval: 15s", "scrape_config:", "  - job_name: x"),
                3, 1, "field scrape_config not found in type config");
        fails(lines("not-prometheus:"), 1, 1, "field not-prometheus not found in type config");
    }

    @Test
    void unknownFieldInGlobal() {
        fails(lines("global:", "  scrape_interval: 15s", "  evaluation_intervall: 1m"),
                3, 3, "field evaluation_intervall not found in type global_config");
        fails(lines("global:", "  scrapeInterval: 15s"), 2, 3, "field scrapeInterval not found in type global_config");
    }

    @Test
    void unknownFieldInStaticConfig() {
        fails(lines(
                "scrape_configs:",
                "  - job_name: a",
                "    static_configs:",
                "      - targets: ['a:1']",
                "      - targets: ['b:1']",
                "        lables: {x: y}"),
                6, 9, "field lables not found in type static_config");
    }

    @Test
    void unknownFieldsThatLookLikeKnownOnes() {
        fails(lines("scrape_configs:", "  - job_name: a", "    _sd_configs: []"),
                3, 5, "field _sd_configs not found in type scrape_config");
        fails(lines("scrape_configs:", "  - job_name: a", "    jobName: b"),
                3, 5, "field jobName not found in type scrape_config");
        fails(lines("scrape_configs:", "  - job_name: a", "    file_sd_config: []"),
                3, 5, "field file_sd_config not found in type scrape_config");
    }

    // ---- semantic errors

    @Test
    void badDuration() {
        fails(lines("global:", "  scrape_interval: 1.5s"), 2, 20, "not a valid duration string: \"1.5s\"");
        fails(lines("scrape_configs:", "  - job_name: a", "    scrape_timeout: 10"),
                3, 21, "not a valid duration string: \"10\"");
        fails(lines("global:", "  evaluation_interval: [1m]"), 2, 24, "global.evaluation_interval: expected a duration, got a list");
    }

    @Test
    void scrapeTimeoutGreaterThanInterval() {
        fails(lines("scrape_configs:", "  - job_name: x", "    scrape_interval: 5s", "    scrape_timeout: 6s"),
                2, 5, "scrape timeout greater than scrape interval for scrape config with job name \"x\"");
        // the interval is inherited from global, the timeout is explicit
        fails(lines("global:", "  scrape_interval: 15s", "scrape_configs:", "  - job_name: a", "  - job_name: b",
                        "    scrape_timeout: 20s"),
                5, 5, "scrape timeout greater than scrape interval for scrape config with job name \"b\"");
    }

    @Test
    void globalScrapeTimeoutGreaterThanInterval() {
        fails(lines("# global", "global:", "  scrape_interval: 10s", "  scrape_timeout: 11s"),
                2, 1, "global scrape timeout greater than scrape interval");
    }

    @Test
    void duplicateJobName() {
        fails(lines("scrape_configs:", "  - job_name: a", "  - job_name: b", "  - job_name: a"),
                4, 5, "found multiple scrape configs with job name \"a\"");
    }

    @Test
    void missingJobName() {
        fails(lines("scrape_configs:", "  - scrape_interval: 5s"), 2, 5, "job_name is empty");
        fails(lines("scrape_configs:", "  - job_name: ''"), 2, 5, "job_name is empty");
    }

    @Test
    void badScheme() {
        fails(lines("scrape_configs:", "  - job_name: x", "    scheme: ftp"),
                2, 5, "invalid scheme \"ftp\" for scrape config with job name \"x\": must be \"http\" or \"https\"");
    }

    @Test
    void urlAsStaticTarget() {
        fails(lines("scrape_configs:", "  - job_name: x", "    static_configs:", "      - targets:",
                        "          - good:9100", "          - http://x"),
                6, 13, "\"http://x\" is not a valid hostname");
        fails(lines("scrape_configs:", "  - job_name: x", "    static_configs:", "      - targets: ['h:1/metrics']"),
                4, 19, "\"h:1/metrics\" is not a valid hostname");
    }

    @Test
    void urlAsStaticTargetIsAllowedWithRelabelling() throws Exception {
        // Prometheus leaves these to relabelling, which may rewrite __address__
        PrometheusConfig c = parse(lines("scrape_configs:", "  - job_name: x", "    relabel_configs:",
                "      - target_label: __address__", "        replacement: good:80", "    static_configs:",
                "      - targets: ['http://x']"));
        assertEquals(List.of("http://x"), c.scrapeConfigs().get(0).staticConfigs().get(0).targets());
    }

    @Test
    void nullSections() {
        fails(lines("scrape_configs:", "  - job_name: a", "  - ~"), 3, 5, "empty or null scrape config section");
        fails(lines("scrape_configs:", "  - job_name: a", "    static_configs:", "      - "),
                4, 8, "empty or null section in static_configs");
        fails(lines("scrape_configs:", "  - job_name: a", "    file_sd_configs: [~]"),
                3, 23, "empty or null section in file_sd_configs");
        fails(lines("remote_write:", "  - url: http://a", "  -"), 3, 4, "empty or null remote write config section");
        fails(lines("scrape_configs:", "  - job_name: a", "    relabel_configs: [~]"),
                2, 5, "empty or null target relabeling rule in scrape config");
        fails(lines("scrape_configs:", "  - job_name: a", "    metric_relabel_configs: drop"),
                2, 5, "metric_relabel_configs must be a list of relabelling rules");
    }

    @Test
    void badRuleFileGlob() {
        fails(lines("rule_files:", "  - ok/*.yml", "  - a/*/b.yml"), 3, 5, "invalid rule file path \"a/*/b.yml\"");
        fails(lines("scrape_config_files: ['*/*']"), 1, 23, "invalid scrape config file path \"*/*\"");
    }

    @Test
    void badGlobalValues() {
        fails(lines("global:", "  sample_limit: -1"), 1, 1, "sample_limit must not be negative, got -1");
        fails(lines("global:", "  sample_limit: lots"), 2, 17, "global.sample_limit: expected an integer, got \"lots\"");
        fails(lines("global:", "  metric_name_validation_scheme: ascii"), 1, 1, "unrecognized ValidationScheme: \"ascii\"");
        fails(lines("global:", "  scrape_protocols: [PrometheusProto, prometheusproto]"), 1, 1,
                "duplicated protocol in scrape_protocols, got [PrometheusProto, prometheusproto] for global config");
        fails(lines("global:", "  external_labels: {'': x}"), 1, 1, "\"\" is not a valid label name");
    }

    @Test
    void wrongShapes() {
        fails(lines("scrape_configs: foo"), 1, 17, "scrape_configs: expected a list, got \"foo\"");
        fails(lines("- targets: [a:1]"), 1, 1, "expected a mapping, got a list");
        fails(lines("scrape_configs:", "  - job_name: a", "    honor_labels: maybe"),
                3, 19, "scrape_configs[0].honor_labels: expected a boolean, got \"maybe\"");
        fails(lines("scrape_configs:", "  - job_name: a", "    params: {module: http_2xx}"),
                3, 22, "scrape_configs[0].params.module: expected a list, got \"http_2xx\"");
    }

    // ---- YAML level

    @Test
    void yamlSyntaxError() {
        fails(lines("global:", "  scrape_interval: 15s", " scrape_timeout: 10s"), 3, 2,
                "while parsing a block mapping: expected <block end>, but found '<block mapping start>'");
        fails(lines("rule_files: [a, b"), 1, 18,
                "while parsing a flow sequence: expected ',' or ']', but got <stream end>");
        fails(lines("alerting:", "  x: a: b"), 2, 7, "mapping values are not allowed here");
    }

    @Test
    void duplicateKey() {
        fails(lines("global:", "  scrape_interval: 15s", "  scrape_interval: 30s"),
                3, 3, "key \"scrape_interval\" already set in map");
        fails(lines("alerting:", "  a: 1", "  a: 2"), 3, 3, "key \"a\" already set in map");
    }

    @Test
    void aliasesAreRejectedRatherThanMisread() {
        fails(lines("global:", "  external_labels: &labels {a: b}", "scrape_configs:", "  - job_name: x",
                        "    static_configs:", "      - labels: *labels"),
                6, 17, "YAML aliases are not supported (*labels)");
    }

    @Test
    void relabelRulesAreValidatedWithTheirPosition() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                scrape_configs:
                  - job_name: a
                    metric_relabel_configs:
                      - source_labels: [__name__]
                        action: drop
                        regex: ok
                      - action: hashmod
                        target_label: shard
                """, "prometheus.yml"));
        org.junit.jupiter.api.Assertions.assertEquals(
                "prometheus.yml:7:9: relabel configuration for hashmod requires non-zero modulus", e.getMessage());
    }
}
