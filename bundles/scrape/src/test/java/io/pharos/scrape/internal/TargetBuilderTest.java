package io.pharos.scrape.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.config.ConfigLoader;
import io.pharos.config.ScrapeConfig;
import io.pharos.spi.model.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Target labels and URLs as Prometheus derives them, with and without relabeling. */
class TargetBuilderTest {
    private static List<Target> targets(String yaml, List<String> problems) throws Exception {
        ScrapeConfig sc = ConfigLoader.parse(yaml, "prometheus.yml").scrapeConfigs().get(0);
        return TargetBuilder.targets(sc, TargetBuilder.relabeling(sc.relabelConfigs()), problems::add);
    }

    @Test
    void defaultsWithoutRelabeling() throws Exception {
        List<Target> ts = targets("""
                scrape_configs:
                  - job_name: node
                    params: {module: [http_2xx]}
                    static_configs:
                      - targets: ['a:9100']
                        labels: {env: prod}
                """, new ArrayList<>());
        assertEquals(1, ts.size());
        Target t = ts.get(0);
        assertEquals(Labels.of("job", "node", "instance", "a:9100", "env", "prod"), t.labels());
        assertEquals("http://a:9100/metrics?module=http_2xx", t.url().toString());
        assertEquals(Duration.ofMinutes(1), t.interval());
    }

    @Test
    void relabelingRewritesAddressPathParamsAndDropsTargets() throws Exception {
        List<Labels> dropped = new ArrayList<>();
        ScrapeConfig sc = ConfigLoader.parse("""
                scrape_configs:
                  - job_name: blackbox
                    metrics_path: /probe
                    scrape_interval: 30s
                    static_configs:
                      - targets: ['https://example.org', 'http://skip.me']
                    relabel_configs:
                      - source_labels: [__address__]
                        regex: '.*skip.*'
                        action: drop
                      - source_labels: [__address__]
                        target_label: __param_target
                      - source_labels: [__param_target]
                        target_label: instance
                      - target_label: __address__
                        replacement: 127.0.0.1:9115
                      - target_label: __scrape_interval__
                        replacement: 10s
                """, "prometheus.yml").scrapeConfigs().get(0);
        List<Target> ts = TargetBuilder.targets(sc, TargetBuilder.relabeling(sc.relabelConfigs()), p -> { },
                dropped::add);
        assertEquals(1, ts.size());
        assertEquals(List.of(Labels.of("__address__", "http://skip.me", "__metrics_path__", "/probe",
                "__scheme__", "http", "__scrape_interval__", "30s", "__scrape_timeout__", "10s", "job", "blackbox")),
                dropped);
        assertEquals("https://example.org", ts.get(0).discoveredLabels().get("__address__"));
        Target t = ts.get(0);
        assertEquals(Labels.of("job", "blackbox", "instance", "https://example.org"), t.labels());
        assertEquals("http://127.0.0.1:9115/probe?target=https%3A%2F%2Fexample.org", t.url().toString());
        assertEquals(Duration.ofSeconds(10), t.interval());
    }

    @Test
    void targetsLeftWithoutAUsableAddressAreReported() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Target> ts = targets("""
                scrape_configs:
                  - job_name: j
                    static_configs:
                      - targets: ['a:1']
                    relabel_configs:
                      - target_label: __address__
                        replacement: 'http://a/b'
                """, problems);
        assertTrue(ts.isEmpty());
        assertEquals(List.of("job j, target a:1: \"http://a/b\" is not a valid hostname"), problems);
    }
}
