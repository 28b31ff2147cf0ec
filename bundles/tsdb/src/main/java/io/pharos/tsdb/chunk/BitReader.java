package io.pharos.tsdb.chunk;

/**
 * Reads bit fields, most significant bit first, from a region of a {@code byte[]}, as written by
 * {@link BitWriter}. Bits are served from a 64-bit buffer that one big-endian 64-bit load tops up
 * to at least 57 bits, so a field costs a compare, a shift and a mask, not a loop over bytes.
 * Reusable via {@link #reset}; never allocates.
 *
 * <p>Invariant: bit {@code valid} of the buffer (counting from the top) is the first bit of byte
 * {@code next}. A top-up may also bring in bits past {@code valid}; they are the true next bits of
 * the stream, so OR-ing them in again on the next top-up is harmless.
 */
final class BitReader {
    private byte[] buf;
    private int start;
    private int next; // next byte not yet counted in {@code valid}
    private int limit; // end of the region, exclusive
    private long bits; // unread bits, left-aligned
    private int valid; // number of unread bits in {@code bits}

    void reset(byte[] buf, int off, int len) {
        this.buf = buf;
        this.start = off;
        this.next = off;
        this.limit = off + len;
        this.bits = 0;
        this.valid = 0;
    }

    /**
     * The next bits of the stream, left-aligned, without consuming them: at least {@code need}
     * (&le; 56) of them are real unless the stream ends sooner, in which case zeros follow it.
     * Lets a decoder read a prefix code and its payload with one check, then {@link #skip}.
     */
    long peek(int need) {
        if (valid < need) {
            fill(0);
        }
        return bits;
    }

    /** Consumes {@code n} &le; 56 bits already {@link #peek}ed. */
    void skip(int n) {
        if (n > valid) {
            throw truncated();
        }
        bits <<= n;
        valid -= n;
    }

    /** Reads an {@code n}-bit unsigned field, 1 &le; n &le; 64. */
    long readBits(int n) {
        if (n > 56) {
            // A top-up guarantees only 57 bits: take wide fields in two halves.
            long high = readBits(n - 32);
            return (high << 32) | readBits(32);
        }
        if (valid < n) {
            fill(n);
        }
        long v = bits >>> (64 - n);
        bits <<= n; // n <= 56: never the no-op shift by 64
        valid -= n;
        return v;
    }

    /** Reads an unsigned LEB128 varint. */
    long readUvarint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            long b = readBits(8);
            v |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalStateException("corrupt chunk: varint longer than 10 bytes");
    }

    /** Bits consumed since the start of the region. */
    int bitPosition() {
        return ((next - start) << 3) - valid;
    }

    /** Tops the buffer up with whole bytes; fails if fewer than {@code need} bits can be had. */
    private void fill(int need) {
        if (limit - next >= 8) {
            bits |= (long) BitWriter.LONG_BE.get(buf, next) >>> valid;
            int bytes = (64 - valid) >>> 3; // whole bytes that fit
            next += bytes;
            valid += bytes << 3;
        } else {
            while (valid <= 56 && next < limit) {
                bits |= (buf[next++] & 0xffL) << (56 - valid);
                valid += 8;
            }
            if (valid < need) {
                throw truncated();
            }
        }
    }

    private static IllegalStateException truncated() {
        return new IllegalStateException("corrupt chunk: bit stream ends early");
    }
}
