package io.pharos.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import io.pharos.testkit.Corpora;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real prometheus.yml files from the shared corpora: promtool's fixtures and the configurations the
 * Prometheus Operator generates.
 *
 * <p>Fixtures in {@code promtool/} that are deliberately not asserted here:
 * <ul>
 *   <li>{@code prometheus-config.rules.good.yml}, {@code prometheus-rules.lint.yml}, {@code rules*.yml},
 *       unit test files and the like: rule files, not configuration files;</li>
 *   <li>{@code good-sd-file.*}, {@code bad-sd-file-format.yml}: file_sd target files (the latter is
 *       checked below only as "not a configuration");</li>
 *   <li>{@code authorization_credentials_file.bad.yml}: fails only because promtool checks that the
 *       credentials file exists, which config loading does not (Prometheus loads it too);</li>
 *   <li>{@code url_in_scrape_targetgroup_with_relabel_config.bad.yml},
 *       {@code url_in_alert_targetgroup_with_relabel_config.bad.yml}: fail only in promtool, which
 *       runs target relabelling and finds a URL left in {@code __address__}; Prometheus' loader skips
 *       the URL check when relabel_configs are present, and alerting is not typed yet.</li>
 * </ul>
 * Those last three are asserted to load, since that is what Prometheus' config loader does.
 */
class CorpusTest {
    private static Path corpus(String file) {
        return Corpora.resolve(file);
    }

    static List<String> goodConfigs() {
        return List.of(
                "promtool/prometheus-config.good.yml",
                "promtool/authorization_credentials_file.good.yml",
                "promtool/config_with_rule_files.yml",
                "promtool/config_with_service_discovery_files.yml",
                "promtool/config_with_tls_files.yml",
                "promtool/prometheus-aws-sd-empty-region.good.yml",
                "promtool/prometheus-config.lint.yml",
                "promtool/prometheus-config.lint.too_long_scrape_interval.yml",
                "promtool/url_in_alert_targetgroup_with_relabel_config.good.yml",
                "promtool/url_in_scrape_targetgroup_with_relabel_config.good.yml",
                // promtool-only failures (see the class comment): Prometheus' loader accepts them
                "promtool/authorization_credentials_file.bad.yml",
                "promtool/url_in_scrape_targetgroup_with_relabel_config.bad.yml",
                "promtool/url_in_alert_targetgroup_with_relabel_config.bad.yml",
                "operator-golden/GenerateRelabelConfig.golden",
                "operator-golden/PodMonitorObjectWithMatchLabelSelector.golden",
                "operator-golden/TestServiceMonitorWithDefaultServiceDiscoveryRole.golden",
                "operator-golden/TestServiceMonitorWithEndpointSliceEnable_Expected.golden");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodConfigs")
    void goodConfigLoads(String file) {
        Path p = corpus(file);
        PrometheusConfig c = assertDoesNotThrow(() -> ConfigLoader.load(p));
        for (ScrapeConfig s : c.scrapeConfigs()) {
            assertTrue(s.scrapeTimeout().compareTo(s.scrapeInterval()) <= 0, s.jobName());
        }
    }

    @Test
    void everyGoodPromtoolConfigIsCovered() throws IOException {
        Path dir = corpus("promtool");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> missing = files.map(f -> "promtool/" + f.getFileName())
                    .filter(f -> f.matches("promtool/(prometheus[^/]*|[^/]*\\.good)\\.yml"))
                    .filter(f -> !f.contains(".bad") && !f.endsWith(".rules.good.yml") && !f.endsWith("rules.lint.yml"))
                    .filter(f -> !goodConfigs().contains(f))
                    .sorted().toList();
            assertEquals(List.of(), missing, "new good prometheus.yml fixtures to add to goodConfigs()");
        }
    }

    @Test
    void badConfig() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(corpus("promtool/prometheus-config.bad.yml")));
        assertEquals("field not-prometheus not found in type config", e.reason());
        assertEquals(1, e.line());
        assertEquals(1, e.column());
    }

    @Test
    void sdFileIsNotAConfig() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(corpus("promtool/bad-sd-file-format.yml")));
        assertEquals("expected a mapping, got a list", e.reason());
    }

    @Test
    void emptyFileIsTheDefault() throws ConfigException {
        assertEquals(PrometheusConfig.DEFAULT, ConfigLoader.load(corpus("promtool/prometheus-config.good.yml")));
    }

    @Test
    void awsServiceDiscoveryTypesAreKept() throws ConfigException {
        PrometheusConfig c = ConfigLoader.load(corpus("promtool/prometheus-aws-sd-empty-region.good.yml"));
        assertEquals(List.of("ec2", "ecs", "rds", "msk", "elasticache", "lightsail"),
                c.scrapeConfigs().stream().map(s -> s.sdConfigs().keySet().iterator().next()).toList());
        assertEquals(9090, c.scrapeConfigs().get(0).sdConfigs().get("ec2").get(0).get("port"));
    }

    @Test
    void operatorGeneratedConfig() throws ConfigException {
        PrometheusConfig c = ConfigLoader.load(corpus("operator-golden/GenerateRelabelConfig.golden"));
        assertEquals(Duration.ofSeconds(30), c.global().scrapeInterval());
        assertEquals("$(POD_NAME)", c.global().externalLabels().get("prometheus_replica"));
        ScrapeConfig s = c.scrapeConfig("serviceMonitor/default/test/0").orElseThrow();
        assertEquals(Duration.ofSeconds(30), s.scrapeInterval());
        assertEquals(Duration.ofSeconds(10), s.scrapeTimeout());
        assertEquals("endpoints", s.sdConfigs().get("kubernetes").get(0).get("role"));
        assertFalse(s.relabelConfigs().isEmpty());
        assertTrue(c.storage().containsKey("tsdb"));
    }
}
