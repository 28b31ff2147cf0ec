package io.pharos.remotewrite.internal;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code io.prometheus.write.v2.Request} bodies with protobuf-java: a symbol table (starting
 * with "") and series whose labels are pairs of indexes into it.
 */
final class WriteRequestsV2 {
    private final Map<String, Integer> symbols = new LinkedHashMap<>();
    private final List<byte[]> series = new ArrayList<>();
    private ByteArrayOutputStream current;
    private CodedOutputStream out;
    private boolean symbolsLast;
    private boolean unpacked;

    WriteRequestsV2() {
        symbols.put("", 0);
    }

    int symbol(String s) {
        return symbols.computeIfAbsent(s, k -> symbols.size());
    }

    /** Writes the symbol table after the series (legal protobuf; the receiver must cope). */
    WriteRequestsV2 symbolsLast() {
        symbolsLast = true;
        return this;
    }

    /** Writes label refs one varint field each instead of packed. */
    WriteRequestsV2 unpacked() {
        unpacked = true;
        return this;
    }

    WriteRequestsV2 series(String... namesAndValues) {
        int[] refs = new int[namesAndValues.length];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = symbol(namesAndValues[i]);
        }
        return seriesRefs(refs);
    }

    /** A series with raw label refs (possibly odd in number or out of range). */
    WriteRequestsV2 seriesRefs(int... refs) {
        try {
            end();
            current = new ByteArrayOutputStream();
            out = CodedOutputStream.newInstance(current);
            if (unpacked) {
                for (int r : refs) {
                    out.writeUInt32(1, r);
                }
            } else {
                ByteArrayOutputStream packed = new ByteArrayOutputStream();
                CodedOutputStream p = CodedOutputStream.newInstance(packed);
                for (int r : refs) {
                    p.writeUInt32NoTag(r);
                }
                p.flush();
                out.writeByteArray(1, packed.toByteArray());
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WriteRequestsV2 sample(long t, double v) {
        try {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            CodedOutputStream c = CodedOutputStream.newInstance(s);
            c.writeDouble(1, v);
            c.writeInt64(2, t);
            c.flush();
            out.writeByteArray(2, s.toByteArray());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A histogram, an exemplar, metadata and a created timestamp: fields the receiver skips. */
    WriteRequestsV2 extras() {
        try {
            out.writeByteArray(3, new byte[] {0x08, 0x05, 0x19, 0, 0, 0, 0, 0, 0, 0x04, 0x40});
            out.writeByteArray(4, new byte[] {0x11, 0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f});
            out.writeByteArray(5, new byte[] {0x08, 0x01, 0x18, (byte) symbol("help")});
            out.writeInt64(6, 1000);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void end() throws IOException {
        if (current != null) {
            out.flush();
            series.add(current.toByteArray());
            current = null;
        }
    }

    byte[] build() {
        try {
            end();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            CodedOutputStream r = CodedOutputStream.newInstance(request);
            if (!symbolsLast) {
                for (String s : symbols.keySet()) {
                    r.writeString(4, s);
                }
            }
            for (byte[] s : series) {
                r.writeByteArray(5, s);
            }
            if (symbolsLast) {
                for (String s : symbols.keySet()) {
                    r.writeString(4, s);
                }
            }
            r.flush();
            return request.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] snappy() {
        return WriteRequests.compress(build());
    }
}
