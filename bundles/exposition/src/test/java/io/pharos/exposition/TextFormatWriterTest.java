package io.pharos.exposition;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pharos.exposition.ExpositionParser.Entry;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFormatWriterTest {

    @Test
    void writesFamiliesAndSamples() throws IOException {
        StringWriter out = new StringWriter();
        new TextFormatWriter(out)
                .family("http_requests_total", MetricType.COUNTER, "Requests.\nBy code \\ method.")
                .sample("http_requests_total", Labels.of("code", "200", "method", "get"), 1027)
                .sample("http_requests_total", Labels.of("code", "500"), 3, 1395066363000L)
                .family("temp", MetricType.GAUGE, null)
                .sample("temp", -0.5)
                .family("up", MetricType.UNKNOWN, "")
                .sample("up", Labels.EMPTY, 1e6, -5);
        assertEquals("""
                # HELP http_requests_total Requests.\\nBy code \\\\ method.
                # TYPE http_requests_total counter
                http_requests_total{code="200",method="get"} 1027
                http_requests_total{code="500"} 3 1395066363000
                # TYPE temp gauge
                temp -0.5
                # TYPE up untyped
                up 1e+06 -5
                """, out.toString());
    }

    @Test
    void escapesLabelValues() throws IOException {
        StringWriter out = new StringWriter();
        new TextFormatWriter(out).sample("m", Labels.of("a", "q\"uote", "b", "back\\slash",
                "c", "new\nline", "d", "Zürich"), 1);
        assertEquals("m{a=\"q\\\"uote\",b=\"back\\\\slash\",c=\"new\\nline\",d=\"Zürich\"} 1\n",
                out.toString());
    }

    @Test
    void skipsTheNameLabel() throws IOException {
        StringWriter out = new StringWriter();
        new TextFormatWriter(out)
                .sample("m", Labels.of("__name__", "m", "a", "1"), 2)
                .sample("n", Labels.of("__name__", "n"), 3);
        assertEquals("m{a=\"1\"} 2\nn 3\n", out.toString());
    }

    @Test
    void specialValues() throws IOException {
        StringWriter out = new StringWriter();
        TextFormatWriter w = new TextFormatWriter(out);
        w.sample("a", Double.NaN).sample("b", Double.POSITIVE_INFINITY)
                .sample("c", Double.NEGATIVE_INFINITY).sample("d", -0.0).sample("e", 1.5e-7)
                .sample("f", 123456789.123);
        assertEquals("a NaN\nb +Inf\nc -Inf\nd -0\ne 1.5e-07\nf 1.23456789123e+08\n",
                out.toString());
    }

    @Test
    void typesWithoutAPlaceInTextFormat004() throws IOException {
        StringWriter out = new StringWriter();
        TextFormatWriter w = new TextFormatWriter(out);
        for (MetricType t : MetricType.values()) {
            w.family("m", t, null);
        }
        assertEquals("""
                # TYPE m counter
                # TYPE m gauge
                # TYPE m histogram
                # TYPE m histogram
                # TYPE m summary
                # TYPE m gauge
                # TYPE m gauge
                # TYPE m untyped
                """, out.toString());
    }

    @Test
    void contentType() {
        assertEquals("text/plain; version=0.0.4; charset=utf-8", TextFormatWriter.CONTENT_TYPE);
    }

    @Test
    void roundTripThroughTheParser() throws IOException, ExpositionException {
        record Written(Labels labels, double value, Long ts) {
        }
        List<Written> written = new ArrayList<>();
        StringWriter out = new StringWriter();
        TextFormatWriter w = new TextFormatWriter(out);
        w.family("rpc_duration_seconds", MetricType.HISTOGRAM, "RPC latency, with \\ and\nnewline.");
        double[] values = {0, -0.0, 1, 0.1 + 0.2, 1e6, 1.5e-7, Double.MAX_VALUE, Double.MIN_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, -123456789.123};
        for (int i = 0; i < values.length; i++) {
            Labels l = Labels.of("le", GoFloat.format(i * 0.25), "path", "/a\"b\\c\nd/" + i,
                    "zone", "日本");
            Long ts = i % 2 == 0 ? null : 1_700_000_000_000L + i;
            if (ts == null) {
                w.sample("rpc_duration_seconds_bucket", l, values[i]);
            } else {
                w.sample("rpc_duration_seconds_bucket", l, values[i], ts);
            }
            written.add(new Written(l.toBuilder().set("__name__", "rpc_duration_seconds_bucket")
                    .build(), values[i], ts));
        }

        byte[] body = out.toString().getBytes(UTF_8);
        TextParser p = new TextParser(body, 0, body.length);
        assertEquals(Entry.HELP, p.next());
        assertEquals("RPC latency, with \\ and\nnewline.", p.help());
        assertEquals(Entry.TYPE, p.next());
        assertEquals(MetricType.HISTOGRAM, p.type());
        Labels.Builder b = Labels.builder();
        for (Written want : written) {
            assertEquals(Entry.SERIES, p.next());
            p.labels(b);
            assertEquals(want.labels(), b.build());
            assertEquals(Double.doubleToLongBits(want.value()), Double.doubleToLongBits(p.value()));
            assertEquals(want.ts(), p.hasTimestamp() ? (Long) p.timestamp() : null);
        }
        assertEquals(Entry.EOF, p.next());
    }
}
