package io.pharos.storage.lmdb.internal;

import io.pharos.spi.model.Labels;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Label sets as bytes: {@code [uvarint count] ([name][value])*}, each string as uvarint length
 * and UTF-8. Decoding shares equal strings through an interner, so the many series that repeat
 * {@code job} or {@code instance} values hold one copy of each.
 */
final class LabelsCodec {
    private final Map<String, String> interned = new HashMap<>();
    private final Labels.Builder builder = new Labels.Builder();

    static void encode(Labels labels, ByteOut out) {
        out.putUvarint(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            out.putString(labels.name(i));
            out.putString(labels.value(i));
        }
    }

    /** Decodes one label set at the buffer's position, advancing it. Not thread-safe. */
    Labels decode(ByteBuffer in) {
        int n = Math.toIntExact(ByteIn.uvarint(in));
        builder.reset();
        for (int i = 0; i < n; i++) {
            String name = intern(ByteIn.string(in));
            String value = intern(ByteIn.string(in));
            builder.set(name, value);
        }
        return builder.build();
    }

    String intern(String s) {
        String prior = interned.putIfAbsent(s, s);
        return prior != null ? prior : s;
    }

    /** Forgets interned strings once loading is done. */
    void clear() {
        interned.clear();
    }
}
