package io.pharos.storage.lmdb.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads what {@link ByteOut} wrote, from a buffer's position on. */
final class ByteIn {
    private ByteIn() {
    }

    static long uvarint(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalStateException("varint longer than 10 bytes");
    }

    static long varint(ByteBuffer in) {
        long u = uvarint(in);
        return (u >>> 1) ^ -(u & 1);
    }

    static String string(ByteBuffer in) {
        int n = Math.toIntExact(uvarint(in));
        if (n > in.remaining()) {
            throw new IllegalStateException("string of " + n + " bytes exceeds the " + in.remaining() + " left");
        }
        String s;
        if (in.hasArray()) {
            s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
        } else {
            byte[] b = new byte[n];
            in.get(in.position(), b);
            s = new String(b, StandardCharsets.UTF_8);
        }
        in.position(in.position() + n);
        return s;
    }
}
