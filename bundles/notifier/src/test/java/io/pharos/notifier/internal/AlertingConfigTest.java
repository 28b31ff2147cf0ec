package io.pharos.notifier.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pharos.config.ConfigLoader;
import io.pharos.config.HttpClientConfig;
import io.pharos.notifier.internal.AlertingConfig.AlertmanagerConfig;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.PluginConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertingConfigTest {
    static AlertingConfig parse(String alerting) throws Exception {
        return AlertingConfig.parse(ConfigLoader.parse("alerting:\n" + alerting, "p.yml").alerting(), Path.of("/etc/p"));
    }

    private static String error(String alerting) {
        return assertThrows(PluginConfigException.class, () -> parse(alerting)).getMessage();
    }

    /** As a configuration validator the notifier rejects the reload, naming the field. */
    @Test
    void theNotifierVetoesAReloadWithABrokenAlertingSection() throws Exception {
        NotifierComponent notifier = new NotifierComponent();
        io.pharos.config.ConfigException e = assertThrows(io.pharos.config.ConfigException.class,
                () -> notifier.validate(ConfigLoader.parse("alerting:\n  alertmanagers: [{api_version: v1}]\n", "p.yml"),
                        Path.of("/etc/p")));
        assertEquals("alerting: alerting.alertmanagers[0].api_version: expected Alertmanager api version to be one of "
                + "[v2] but got v1", e.getMessage());
        notifier.validate(ConfigLoader.parse("alerting:\n  alertmanagers: [{api_version: v2}]\n", "p.yml"),
                Path.of("/etc/p"));
    }

    @Test
    void absentSectionMeansNoAlertmanagers() throws Exception {
        assertEquals(AlertingConfig.EMPTY,
                AlertingConfig.parse(ConfigLoader.parse("global: {}", "p.yml").alerting(), null));
    }

    @Test
    void typedWithPrometheusDefaults() throws Exception {
        AlertingConfig c = parse("""
                  alert_relabel_configs: [{action: labeldrop, regex: replica}]
                  alertmanagers:
                    - static_configs: [{targets: ['127.0.0.1:9093'], labels: {dc: a}}]
                    - scheme: https
                      path_prefix: /am/
                      timeout: 3s
                      api_version: v2
                      basic_auth: {username: u, password_file: pw}
                      relabel_configs: [{source_labels: [dc], regex: b, action: drop}]
                      alert_relabel_configs: [{target_label: team, replacement: ops}]
                      file_sd_configs: [{files: [am.json]}]
                """);
        assertEquals(1, c.alertRelabelConfigs().size());
        AlertmanagerConfig first = c.alertmanagers().get(0);
        assertEquals("http", first.scheme());
        assertEquals(Duration.ofSeconds(10), first.timeout());
        assertEquals("/api/v2/alerts", first.alertsPath());
        assertEquals(HttpClientConfig.DEFAULT, first.http());
        assertEquals(List.of(Labels.of("__address__", "127.0.0.1:9093")), first.staticGroups().get(0).targets());
        assertEquals(Labels.of("dc", "a"), first.staticGroups().get(0).labels());
        AlertmanagerConfig second = c.alertmanagers().get(1);
        assertEquals("https", second.scheme());
        assertEquals("/am/api/v2/alerts", second.alertsPath());
        assertEquals(Duration.ofSeconds(3), second.timeout());
        assertEquals(Path.of("/etc/p/pw"), second.http().basicAuth().passwordFile());
        assertEquals(1, second.relabelConfigs().size());
        assertEquals(1, second.alertRelabelConfigs().size());
        assertEquals(List.of("file"), List.copyOf(second.sdConfigs().keySet()));
    }

    @Test
    void errorsNameTheField() {
        assertEquals("alerting.alertmanagers[0].api_version: expected Alertmanager api version to be one of [v2] but got v1",
                error("  alertmanagers: [{api_version: v1}]"));
        assertEquals("alerting.alertmanagers[1]: field bogus not found in type config.AlertmanagerConfig",
                error("  alertmanagers: [{}, {bogus: 1}]"));
        assertEquals("alerting.alertmanagers[0].timeout: not a valid duration string: \"10\"",
                error("  alertmanagers: [{timeout: 10}]"));
        assertEquals("alerting.alertmanagers[0].scheme: must be \"http\" or \"https\", got \"ftp\"",
                error("  alertmanagers: [{scheme: ftp}]"));
        assertEquals("alerting.alertmanagers[0].static_configs[0].targets[0]: \"http://am:9093\" is not a valid hostname",
                error("  alertmanagers: [{static_configs: [{targets: ['http://am:9093']}]}]"));
        assertEquals("alerting.alertmanagers[0]: at most one of bearer_token & bearer_token_file must be configured",
                error("  alertmanagers: [{bearer_token: a, bearer_token_file: b}]"));
        assertEquals("alerting: field bogus not found", error("  bogus: 1"));
        String relabel = error("  alert_relabel_configs: [{action: replace}]");
        assertEquals(true, relabel.startsWith("alerting.alert_relabel_configs[0]: "), relabel);
    }
}
