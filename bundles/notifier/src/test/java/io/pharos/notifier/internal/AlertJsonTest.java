package io.pharos.notifier.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pharos.spi.alerting.Alert;
import io.pharos.spi.model.Labels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertJsonTest {
    @Test
    void prometheusPostableAlerts() {
        Alert firing = new Alert(Labels.of("alertname", "Down", "job", "x\"y"), Labels.of("summary", "it is down"),
                Instant.parse("2026-11-02T10:00:00.123456Z"), Instant.parse("2026-11-02T10:04:00Z"),
                "http://pharos:9090/graph?g0.expr=up+%3D%3D+0", "f");
        Alert bare = new Alert(Labels.of("alertname", "Bare"), Labels.EMPTY, null, null, "", null);
        assertEquals("[{\"annotations\":{\"summary\":\"it is down\"},\"endsAt\":\"2026-11-02T10:04:00.000Z\","
                + "\"startsAt\":\"2026-11-02T10:00:00.123Z\","
                + "\"generatorURL\":\"http://pharos:9090/graph?g0.expr=up+%3D%3D+0\","
                + "\"labels\":{\"alertname\":\"Down\",\"job\":\"x\\\"y\"}},"
                + "{\"endsAt\":\"0001-01-01T00:00:00.000Z\",\"startsAt\":\"0001-01-01T00:00:00.000Z\","
                + "\"labels\":{\"alertname\":\"Bare\"}}]",
                new String(AlertJson.encode(List.of(firing, bare)), StandardCharsets.UTF_8));
    }
}
