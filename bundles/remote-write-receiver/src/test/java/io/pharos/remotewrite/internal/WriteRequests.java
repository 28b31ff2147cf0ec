package io.pharos.remotewrite.internal;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * Builds {@code prometheus.WriteRequest} bodies with protobuf-java's {@link CodedOutputStream},
 * field by field as a Prometheus sender writes them, plus the fields the receiver skips.
 */
final class WriteRequests {
    private final ByteArrayOutputStream request = new ByteArrayOutputStream();
    private ByteArrayOutputStream series;

    /** Starts a series with labels in the given order (name, value, name, value, ...). */
    WriteRequests series(String... namesAndValues) {
        endSeries();
        series = new ByteArrayOutputStream();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            label(namesAndValues[i].getBytes(StandardCharsets.UTF_8),
                    namesAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** Adds a label given as raw bytes (e.g. invalid UTF-8) to the current series. */
    WriteRequests label(byte[] name, byte[] value) {
        series.writeBytes(message(1, out -> {
            out.writeByteArray(1, name);
            out.writeByteArray(2, value);
        }));
        return this;
    }

    WriteRequests sample(long t, double v) {
        series.writeBytes(message(2, out -> {
            out.writeDouble(1, v);
            out.writeInt64(2, t);
        }));
        return this;
    }

    /** An exemplar (field 3) and a native histogram (field 4) of the current series, as opaque bytes. */
    WriteRequests exemplarAndHistogram() {
        series.writeBytes(message(3, out -> {
            out.writeDouble(2, 1.5);
            out.writeInt64(3, 1000);
        }));
        series.writeBytes(message(4, out -> {
            out.writeUInt64(1, 10);
            out.writeDouble(3, 2.5);
            out.writeSInt32(4, 3);
            out.writeInt64(15, 1000);
        }));
        return this;
    }

    /** A metric metadata entry (WriteRequest field 3). */
    WriteRequests metadata(String family) {
        endSeries();
        request.writeBytes(message(3, out -> {
            out.writeEnum(1, 1);
            out.writeString(2, family);
            out.writeString(4, "help text");
        }));
        return this;
    }

    /** The protobuf bytes. */
    byte[] build() {
        endSeries();
        return request.toByteArray();
    }

    /** The snappy-compressed protobuf, as sent over HTTP. */
    byte[] snappy() {
        return compress(build());
    }

    static byte[] compress(byte[] raw) {
        try {
            return Snappy.compress(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void endSeries() {
        if (series != null) {
            byte[] body = series.toByteArray();
            request.writeBytes(message(1, out -> out.writeRawBytes(body)));
            series = null;
        }
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    /** A length-delimited field holding a message. */
    private static byte[] message(int field, Fields fields) {
        try {
            ByteArrayOutputStream inner = new ByteArrayOutputStream();
            CodedOutputStream in = CodedOutputStream.newInstance(inner);
            fields.write(in);
            in.flush();
            ByteArrayOutputStream outer = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(outer);
            out.writeByteArray(field, inner.toByteArray());
            out.flush();
            return outer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Node-exporter-like series: {@code count} series of one sample each at {@code t}. */
    static WriteRequests nodeExporter(int count, long t) {
        WriteRequests w = new WriteRequests();
        String[] modes = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
        for (int i = 0; i < count; i++) {
            w.series("__name__", "node_cpu_seconds_total", "cpu", Integer.toString(i / modes.length % 64),
                    "instance", "host-" + (i / 512) + ".example.org:9100", "job", "node",
                    "mode", modes[i % modes.length], "shard", Integer.toString(i / (64 * modes.length)))
                    .sample(t, 12345.67 + i);
        }
        return w;
    }

    static List<Integer> cuts(int length) {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i < length; i += Math.max(1, length / 40)) {
            out.add(i);
        }
        return out;
    }
}
