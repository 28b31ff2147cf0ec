package io.pharos.itests;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/** Remote-write 1.0 {@code prometheus.WriteRequest}s encoded field by field, for the tests. */
final class WriteRequests {
    private WriteRequests() {
    }

    /** A TimeSeries message: labels (sorted by name as given) and one sample. */
    static byte[] series(Map<String, String> sortedLabels, long t, double v) throws IOException {
        ByteArrayOutputStream series = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(series);
        for (Map.Entry<String, String> l : sortedLabels.entrySet()) {
            out.writeByteArray(1, label(l.getKey(), l.getValue()));
        }
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        CodedOutputStream s = CodedOutputStream.newInstance(sample);
        s.writeDouble(1, v);
        s.writeInt64(2, t);
        s.flush();
        out.writeByteArray(2, sample.toByteArray());
        out.flush();
        return series.toByteArray();
    }

    /** A WriteRequest of the given TimeSeries messages (not yet snappy-compressed). */
    static byte[] request(byte[]... series) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        CodedOutputStream r = CodedOutputStream.newInstance(request);
        for (byte[] s : series) {
            r.writeByteArray(1, s);
        }
        r.flush();
        return request.toByteArray();
    }

    private static byte[] label(String name, String value) throws IOException {
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        CodedOutputStream l = CodedOutputStream.newInstance(label);
        l.writeString(1, name);
        l.writeString(2, value);
        l.flush();
        return label.toByteArray();
    }
}
