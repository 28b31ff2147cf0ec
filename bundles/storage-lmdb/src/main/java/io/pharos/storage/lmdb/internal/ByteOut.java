package io.pharos.storage.lmdb.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array for encoding records and keys; reused, so encoding allocates only to grow. */
final class ByteOut {
    private byte[] buf;
    private int len;

    ByteOut(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    ByteOut reset() {
        len = 0;
        return this;
    }

    int length() {
        return len;
    }

    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** The bytes written so far, as a heap buffer over this array (valid until the next write). */
    ByteBuffer buffer() {
        return ByteBuffer.wrap(buf, 0, len);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    ByteOut put(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    ByteOut put(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    ByteOut putLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[len++] = (byte) (v >>> shift);
        }
        return this;
    }

    ByteOut putInt(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    /** Unsigned LEB128. */
    ByteOut putUvarint(long v) {
        ensure(10);
        while ((v & ~0x7fL) != 0) {
            buf[len++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
        return this;
    }

    ByteOut putVarint(long v) {
        return putUvarint((v << 1) ^ (v >> 63));
    }

    ByteOut putString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putUvarint(b.length);
        return put(b, 0, b.length);
    }
}
