package io.pharos.tsdb.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Appends bit fields, most significant bit first, to a growable {@code byte[]}, starting at byte
 * {@code base}; bit 0 of the stream is the high bit of that byte.
 *
 * <p>The stream is cut into 64-bit words at {@code base}, {@code base + 8}, ... The word being
 * filled lives in a register-like field, and every field write stores it whole, big-endian. So a
 * field of up to 64 bits costs a shift, an OR and one store, with no load: a read-modify-write of
 * overlapping unaligned words would stall on store-to-load forwarding at every sample. Because
 * each write stores, the array always holds the stream so far and readers need no flush. Bytes
 * past the stream are zero.
 */
final class BitWriter {
    /** Big-endian long view of a byte array: one bounds check and one memory access per word. */
    static final VarHandle LONG_BE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final int base;
    private byte[] buf;
    private int word; // byte index of the word being filled
    private long acc; // that word's bits, left-aligned; the rest zero
    private int used; // bits of it in use, 0..63

    /** An empty stream at byte {@code base} of a new, zeroed array. */
    BitWriter(int base, int initialCapacity) {
        this.base = base;
        this.buf = new byte[Math.max(initialCapacity, base + 8)];
        this.word = base;
    }

    /**
     * Continues the stream at byte {@code base} of {@code buf} that is {@code bits} long. Takes
     * ownership of {@code buf}; its bytes past the stream's last byte must be zero.
     */
    BitWriter(byte[] buf, int base, int bits) {
        this.base = base;
        this.buf = buf;
        this.word = base + ((bits >>> 6) << 3);
        this.used = bits & 63;
        ensure();
        this.acc = used == 0 ? 0 : (long) LONG_BE.get(buf, word) & (-1L << (64 - used));
    }

    /** Writes the low {@code n} bits of {@code value}, 1 &le; n &le; 64, ignoring higher bits. */
    void writeBits(long value, int n) {
        if (n < 64) {
            value &= (1L << n) - 1; // callers pass sign-extended deltas
        }
        int free = 64 - used;
        if (n < free) {
            acc |= value << (free - n);
            used += n;
            LONG_BE.set(buf, word, acc);
        } else {
            int rest = n - free; // 0..63 bits that start the next word
            LONG_BE.set(buf, word, acc | (value >>> rest));
            nextWord();
            if (rest != 0) {
                acc = value << (64 - rest);
                used = rest;
                LONG_BE.set(buf, word, acc);
            }
        }
    }

    /** Writes a 0 bit: the cheap path for the '0' codes that dominate regular series. */
    void writeZero() {
        if (++used == 64) { // the bit is already zero in the array
            nextWord();
        }
    }

    /** Writes {@code v} as an unsigned LEB128 varint: 7 bits a byte, low group first. */
    void writeUvarint(long v) {
        while ((v & ~0x7fL) != 0) {
            writeBits((v & 0x7f) | 0x80, 8);
            v >>>= 7;
        }
        writeBits(v, 8);
    }

    /** Bits written so far. */
    int bitLength() {
        return ((word - base) << 3) + used;
    }

    /** Bytes from the start of the array to the end of the stream, the last one zero-padded. */
    int sizeBytes() {
        return base + ((bitLength() + 7) >>> 3);
    }

    /** The backing array; valid until the next write may grow it. */
    byte[] array() {
        return buf;
    }

    private void nextWord() {
        word += 8;
        acc = 0;
        used = 0;
        ensure();
    }

    private void ensure() {
        if (word + 8 > buf.length) {
            // Doubling keeps growth amortised O(1) per sample; new bytes are zero, as required.
            buf = Arrays.copyOf(buf, Math.max(word + 8, buf.length << 1));
        }
    }
}
