package io.pharos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScrapeProtocolsTest {

    private static PrometheusConfig parse(String... lines) throws ConfigException {
        return ConfigLoader.parse(String.join("\n", lines) + "\n", "prometheus.yml");
    }

    private static ScrapeProtocols job(String... lines) throws ConfigException {
        PrometheusConfig cfg = parse(lines);
        return cfg.scrapeConfigs().get(0).scrapeProtocols(cfg.global());
    }

    private static String reason(String... lines) {
        return assertThrows(ConfigException.class, () -> parse(lines)).reason();
    }

    @Test
    void defaultIsPrometheus3sListWithoutNativeHistograms() throws Exception {
        ScrapeProtocols p = job("scrape_configs:", "  - job_name: a");
        assertEquals(ScrapeProtocols.DEFAULT, p.accept());
        assertEquals(List.of("OpenMetricsText1.0.0", "OpenMetricsText0.0.1", "PrometheusText1.0.0",
                "PrometheusText0.0.4"), p.accept().stream().map(ScrapeProtocol::configName).toList());
        assertNull(p.fallback());
        assertEquals("allow-utf-8", p.escapingScheme());
        assertEquals(ScrapeProtocols.DEFAULT_NATIVE_HISTOGRAMS,
                job("global:", "  scrape_native_histograms: true", "scrape_configs:", "  - job_name: a").accept());
    }

    @Test
    void jobListWinsOverGlobalListWhichWinsOverTheDefault() throws Exception {
        assertEquals(List.of(ScrapeProtocol.PROMETHEUS_TEXT_0_0_4),
                job("global:", "  scrape_protocols: [OpenMetricsText1.0.0]",
                        "scrape_configs:", "  - job_name: a", "    scrape_protocols: [PrometheusText0.0.4]").accept());
        ScrapeProtocols p = job("global:", "  scrape_protocols: [OpenMetricsText1.0.0]",
                "  metric_name_escaping_scheme: dots",
                "scrape_configs:", "  - job_name: a", "    fallback_scrape_protocol: PrometheusText1.0.0");
        assertEquals(List.of(ScrapeProtocol.OPENMETRICS_TEXT_1_0_0), p.accept());
        assertEquals(ScrapeProtocol.PROMETHEUS_TEXT_1_0_0, p.fallback());
        assertEquals("dots", p.escapingScheme());
    }

    @Test
    void badProtocolsAreRejectedNamingTheJob() {
        assertEquals("scrape_protocols: unknown scrape protocol Foo, supported: [OpenMetricsText0.0.1, "
                + "OpenMetricsText1.0.0, PrometheusProto, PrometheusText0.0.4, PrometheusText1.0.0] "
                + "for scrape config with job name \"a\"",
                reason("scrape_configs:", "  - job_name: a", "    scrape_protocols: [Foo]"));
        assertEquals("duplicated protocol in scrape_protocols, got [PrometheusText0.0.4, prometheustext0.0.4] "
                + "for scrape config with job name \"a\"",
                reason("scrape_configs:", "  - job_name: a",
                        "    scrape_protocols: [PrometheusText0.0.4, prometheustext0.0.4]"));
        assertEquals("scrape_protocols cannot be empty for scrape config with job name \"a\"",
                reason("scrape_configs:", "  - job_name: a", "    scrape_protocols: []"));
        assertEquals("invalid fallback_scrape_protocol for scrape config with job name \"b\": unknown scrape "
                + "protocol text, supported: [OpenMetricsText0.0.1, OpenMetricsText1.0.0, PrometheusProto, "
                + "PrometheusText0.0.4, PrometheusText1.0.0]",
                reason("scrape_configs:", "  - job_name: b", "    fallback_scrape_protocol: text"));
    }

    @Test
    void protocolsKnowTheirMediaTypes() {
        assertEquals("text/plain", ScrapeProtocol.PROMETHEUS_TEXT_1_0_0.mediaType());
        assertEquals("application/openmetrics-text", ScrapeProtocol.OPENMETRICS_TEXT_0_0_1.mediaType());
        assertEquals("application/vnd.google.protobuf", ScrapeProtocol.PROMETHEUS_PROTO.mediaType());
    }
}
