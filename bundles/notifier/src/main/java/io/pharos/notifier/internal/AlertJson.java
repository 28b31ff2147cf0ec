package io.pharos.notifier.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pharos.spi.alerting.Alert;
import io.pharos.spi.model.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code POST /api/v2/alerts} as Prometheus writes it: Alertmanager's
 * {@code PostableAlert} with its fields in go-swagger's order ({@code annotations} only when there
 * are some, {@code endsAt}, {@code startsAt}, {@code generatorURL} only when set, {@code labels}),
 * times in RFC 3339 with milliseconds in UTC; an unset time is Go's zero time.
 */
final class AlertJson {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    static final String ZERO_TIME = "0001-01-01T00:00:00.000Z";

    private AlertJson() {
    }

    static byte[] encode(List<Alert> alerts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * alerts.size() + 2);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (Alert a : alerts) {
                g.writeStartObject();
                if (a.annotations() != null && !a.annotations().isEmpty()) {
                    g.writeFieldName("annotations");
                    labels(g, a.annotations());
                }
                g.writeStringField("endsAt", time(a.endsAt()));
                g.writeStringField("startsAt", time(a.startsAt()));
                if (a.generatorURL() != null && !a.generatorURL().isEmpty()) {
                    g.writeStringField("generatorURL", a.generatorURL());
                }
                g.writeFieldName("labels");
                labels(g, a.labels());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    static String time(Instant t) {
        return t == null ? ZERO_TIME : MILLIS.format(t);
    }

    private static void labels(JsonGenerator g, Labels labels) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < labels.size(); i++) {
            g.writeStringField(labels.name(i), labels.value(i));
        }
        g.writeEndObject();
    }
}
