package io.pharos.http.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pharos.exposition.GoFloat;
import io.pharos.spi.model.Labels;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes Prometheus API JSON with Jackson's streaming generator: the envelope, label sets as
 * objects, and sample pairs {@code [<unix seconds>, "<value>"]} formatted as Prometheus does.
 */
final class JsonOutput implements AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactory();

    final JsonGenerator gen;
    private final char[] scratch = new char[32];

    JsonOutput(OutputStream out) throws IOException {
        this.gen = FACTORY.createGenerator(out);
    }

    /** Opens {@code {"status":"success","data":} — the caller writes the data value. */
    void beginSuccess() throws IOException {
        gen.writeStartObject();
        gen.writeStringField("status", "success");
        gen.writeFieldName("data");
    }

    /** Closes the envelope, adding {@code warnings} and {@code infos} when there are any. */
    void endSuccess(List<String> warnings, List<String> infos) throws IOException {
        writeStrings("warnings", warnings);
        writeStrings("infos", infos);
        gen.writeEndObject();
    }

    private void writeStrings(String field, List<String> values) throws IOException {
        if (values != null && !values.isEmpty()) {
            gen.writeArrayFieldStart(field);
            for (String w : values) {
                gen.writeString(w);
            }
            gen.writeEndArray();
        }
    }

    /** A tree of maps, lists, strings, numbers, booleans and nulls, as JSON. */
    void value(Object v) throws IOException {
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof java.util.Map<?, ?> m) {
            gen.writeStartObject();
            for (java.util.Map.Entry<?, ?> e : m.entrySet()) {
                gen.writeFieldName(String.valueOf(e.getKey()));
                value(e.getValue());
            }
            gen.writeEndObject();
        } else if (v instanceof java.util.Collection<?> c) {
            gen.writeStartArray();
            for (Object o : c) {
                value(o);
            }
            gen.writeEndArray();
        } else if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long) {
            gen.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            gen.writeNumber(n.doubleValue());
        } else {
            gen.writeString(v.toString());
        }
    }

    void error(String errorType, String message) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("status", "error");
        gen.writeStringField("errorType", errorType);
        gen.writeStringField("error", message);
        gen.writeEndObject();
    }

    void labels(Labels labels) throws IOException {
        gen.writeStartObject();
        for (int i = 0; i < labels.size(); i++) {
            gen.writeStringField(labels.name(i), labels.value(i));
        }
        gen.writeEndObject();
    }

    /** {@code [1435781451.781, "1"]}. */
    void samplePair(long t, double v) throws IOException {
        gen.writeStartArray();
        int n = timestamp(t, scratch);
        gen.writeRawValue(scratch, 0, n);
        gen.writeString(value(v));
        gen.writeEndArray();
    }

    /**
     * Unix seconds with the milliseconds as a fraction of exactly three digits when non-zero, as
     * Prometheus writes them ({@code 1435781451.1} is written {@code 1435781451.100}).
     */
    static int timestamp(long t, char[] out) {
        int pos = 0;
        long abs = t;
        if (t < 0) {
            out[pos++] = '-';
            abs = -t;
        }
        long secs = abs / 1000;
        int digits = 1;
        for (long rest = secs / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = pos + digits - 1; i >= pos; i--) {
            out[i] = (char) ('0' + secs % 10);
            secs /= 10;
        }
        pos += digits;
        long frac = abs % 1000;
        if (frac != 0) {
            out[pos++] = '.';
            out[pos++] = (char) ('0' + frac / 100);
            out[pos++] = (char) ('0' + frac / 10 % 10);
            out[pos++] = (char) ('0' + frac % 10);
        }
        return pos;
    }

    static String timestamp(long t) {
        char[] buf = new char[32];
        return new String(buf, 0, timestamp(t, buf));
    }

    /** A sample value as Prometheus' API writes it ({@code "1"}, {@code "1e-07"}, {@code "+Inf"}). */
    static String value(double v) {
        return GoFloat.formatApiValue(v);
    }

    @Override
    public void close() throws IOException {
        gen.close();
    }
}
