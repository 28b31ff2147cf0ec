package io.pharos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfigYamlTest {
    /** Every kind of secret Prometheus has, each with the value "hunter2". */
    private static final String SECRETS = """
            global:
              scrape_interval: 15s
              external_labels: {region: eu}
            scrape_configs:
              - job_name: basic
                basic_auth: {username: u, password: hunter2}
                tls_config: {cert_file: /c, key: hunter2}
                http_headers:
                  X-Token: {values: [plain], secrets: [hunter2, hunter2], files: [/f]}
                static_configs:
                  - targets: ['127.0.0.1:9100']
                    labels: {env: test}
              - job_name: from_files
                basic_auth: {username: u, password_file: /etc/pw}
                tls_config: {cert_file: /c, key_file: /k}
              - job_name: bearer
                scrape_interval: 30s
                authorization: {type: Bearer, credentials: hunter2}
              - job_name: legacy
                bearer_token: hunter2
              - job_name: consul
                consul_sd_configs:
                  - server: '127.0.0.1:8500'
                    token: hunter2
                    oauth2: {client_id: id, client_secret: hunter2, token_url: 'https://127.0.0.1/t'}
                    proxy_connect_header:
                      Proxy-Authorization: [hunter2]
            remote_write:
              - url: https://127.0.0.1/write
                sigv4: {access_key: AK, secret_key: hunter2}
                azuread: {oauth: {client_id: id, client_secret: hunter2, tenant_id: t}}
            """;

    @Test
    void everySecretIsMaskedAndTheRestKept() throws Exception {
        String yaml = ConfigYaml.masked(ConfigLoader.parse(SECRETS, "prometheus.yml"));
        assertFalse(yaml.contains("hunter2"), yaml);
        assertEquals(11, yaml.split("<secret>", -1).length - 1, yaml);
        for (String kept : new String[] {"password_file: /etc/pw", "key_file: /k", "username: u", "- plain",
                "access_key: AK", "client_id: id", "type: Bearer", "region: eu", "env: test"}) {
            assertTrue(yaml.contains(kept), kept + " missing in\n" + yaml);
        }
    }

    @Test
    void defaultsAreFilledIn() throws Exception {
        String yaml = ConfigYaml.masked(ConfigLoader.parse(SECRETS, "prometheus.yml"));
        String protocols = "  scrape_protocols:\n  - OpenMetricsText1.0.0\n  - OpenMetricsText0.0.1\n"
                + "  - PrometheusText1.0.0\n  - PrometheusText0.0.4\n";
        assertTrue(yaml.startsWith("global:\n  scrape_interval: 15s\n  scrape_timeout: 10s\n" + protocols
                + "  evaluation_interval: 1m\n"), yaml);
        assertTrue(yaml.contains("- job_name: bearer\n  honor_timestamps: true\n  track_timestamps_staleness: false\n"
                + "  scrape_interval: 30s\n  scrape_timeout: 10s\n" + protocols
                + "  metrics_path: /metrics\n  scheme: http\n"), yaml);
        assertTrue(yaml.contains("  metric_name_validation_scheme: utf8\n"), yaml);
    }

    @Test
    void theYamlLoadsAgain() throws Exception {
        String yaml = ConfigYaml.masked(ConfigLoader.parse(SECRETS, "prometheus.yml"));
        PrometheusConfig again = ConfigLoader.parse(yaml, "masked.yml");
        assertEquals(5, again.scrapeConfigs().size());
    }
}
