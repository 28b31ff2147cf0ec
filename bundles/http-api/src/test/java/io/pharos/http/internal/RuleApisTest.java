package io.pharos.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pharos.rules.AlertInfo;
import io.pharos.rules.AlertState;
import io.pharos.rules.RuleGroupInfo;
import io.pharos.rules.RuleInfo;
import io.pharos.rules.RuleManager;
import io.pharos.spi.model.Labels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.api.Test;

/** The JSON of /api/v1/rules and /api/v1/alerts, field for field as Prometheus 3.x writes it. */
class RuleApisTest {
    private static final Instant T = Instant.parse("2024-05-01T10:00:00.123456789Z");
    private static final AlertInfo ALERT = new AlertInfo(Labels.of("alertname", "Down", "instance", "a"),
            Labels.of("summary", "a is down"), AlertState.FIRING, Instant.parse("2024-05-01T09:00:00Z"), null, 0.25);
    private static final RuleInfo ALERTING = new RuleInfo(RuleInfo.Type.ALERTING, "Down", "up == 0",
            Labels.of("severity", "page"), Labels.of("summary", "{{ $labels.instance }} is down"),
            Duration.ofMinutes(5), Duration.ZERO, AlertState.FIRING, List.of(ALERT), RuleInfo.Health.OK, "",
            Duration.ofNanos(1_500_000), T);
    private static final RuleInfo RECORDING = new RuleInfo(RuleInfo.Type.RECORDING, "job:up:sum", "sum by (job) (up)",
            Labels.EMPTY, Labels.EMPTY, Duration.ZERO, Duration.ZERO, AlertState.INACTIVE, List.of(),
            RuleInfo.Health.ERR, "boom", Duration.ZERO, null);
    private static final RuleManager MANAGER = () -> List.of(new RuleGroupInfo("g", "/etc/r.yml",
            Duration.ofSeconds(30), 0, Duration.ofMillis(2), T, List.of(ALERTING, RECORDING)));

    private static String rules(Fields params) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonOutput json = new JsonOutput(out)) {
            RuleApis.rules(MANAGER, params, json);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final String ALERT_JSON = "{\"labels\":{\"alertname\":\"Down\",\"instance\":\"a\"},"
            + "\"annotations\":{\"summary\":\"a is down\"},\"state\":\"firing\","
            + "\"activeAt\":\"2024-05-01T09:00:00Z\",\"value\":\"2.5e-01\"}";
    private static final String ALERTING_JSON = "{\"state\":\"firing\",\"name\":\"Down\",\"query\":\"up == 0\","
            + "\"duration\":300,\"keepFiringFor\":0,\"labels\":{\"severity\":\"page\"},"
            + "\"annotations\":{\"summary\":\"{{ $labels.instance }} is down\"},\"alerts\":[" + ALERT_JSON + "],"
            + "\"health\":\"ok\",\"evaluationTime\":0.0015,\"lastEvaluation\":\"2024-05-01T10:00:00.123456789Z\","
            + "\"type\":\"alerting\"}";
    private static final String RECORDING_JSON = "{\"name\":\"job:up:sum\",\"query\":\"sum by (job) (up)\","
            + "\"labels\":{},\"health\":\"err\",\"lastError\":\"boom\",\"evaluationTime\":0,"
            + "\"lastEvaluation\":\"0001-01-01T00:00:00Z\",\"type\":\"recording\"}";

    private static String group(String rules) {
        return "{\"status\":\"success\",\"data\":{\"groups\":[{\"name\":\"g\",\"file\":\"/etc/r.yml\",\"rules\":["
                + rules + "],\"interval\":30,\"limit\":0,\"evaluationTime\":0.002,"
                + "\"lastEvaluation\":\"2024-05-01T10:00:00.123456789Z\"}]}}";
    }

    @Test
    void allRules() throws Exception {
        assertEquals(group(ALERTING_JSON + "," + RECORDING_JSON), rules(new Fields()));
    }

    @Test
    void typeFilter() throws Exception {
        Fields f = new Fields();
        f.add("type", "record");
        assertEquals(group(RECORDING_JSON), rules(f));
        f = new Fields();
        f.add("type", "ALERT");
        assertEquals(group(ALERTING_JSON), rules(f));
    }

    @Test
    void nameGroupAndFileFilters() throws Exception {
        Fields f = new Fields();
        f.add("rule_name[]", "job:up:sum");
        assertEquals(group(RECORDING_JSON), rules(f));
        f = new Fields();
        f.add("rule_group[]", "other");
        assertEquals("{\"status\":\"success\",\"data\":{\"groups\":[]}}", rules(f));
        f = new Fields();
        f.add("file[]", "/etc/r.yml");
        assertEquals(group(ALERTING_JSON + "," + RECORDING_JSON), rules(f));
    }

    @Test
    void badType() {
        Fields f = new Fields();
        f.add("type", "foo");
        ApiException e = assertThrows(ApiException.class, () -> rules(f));
        assertEquals("invalid parameter \"type\": not supported value \"foo\"", e.getMessage());
    }

    @Test
    void alerts() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonOutput json = new JsonOutput(out)) {
            RuleApis.alerts(MANAGER, json);
        }
        assertEquals("{\"status\":\"success\",\"data\":{\"alerts\":[" + ALERT_JSON + "]}}",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void valuesInGoExponentForm() {
        assertEquals("1e+00", RuleApis.exponent(1));
        assertEquals("0e+00", RuleApis.exponent(0));
        assertEquals("1.23456e+05", RuleApis.exponent(123456));
        assertEquals("-1.5e-07", RuleApis.exponent(-1.5e-7));
        assertEquals("1e+21", RuleApis.exponent(1e21));
        assertEquals("1e-04", RuleApis.exponent(0.0001));
        assertEquals("NaN", RuleApis.exponent(Double.NaN));
        assertEquals("+Inf", RuleApis.exponent(Double.POSITIVE_INFINITY));
    }
}
