package io.pharos.tsdb.chunk;

import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.model.SampleType;
import java.util.Objects;

/**
 * A reusable cursor over the samples of an {@link XorChunk}, or of its persisted bytes, decoding
 * one sample per {@link #next()}. It never allocates: {@link #reset} points it at another chunk.
 *
 * <p>{@link #timestamp()}, {@link #value()} and {@link #valueBits()} are defined only after a move
 * that returned {@link SampleType#FLOAT}. A cursor over a chunk still being appended to sees the
 * samples present at {@code reset}. Not thread-safe.
 */
public final class XorIterator implements SampleIterator {
    private final BitReader in = new BitReader();
    private int count; // samples in the chunk
    private int index; // samples decoded so far
    private boolean exhausted;

    private long t;
    private long delta;
    private long bits;
    private int leading;
    private int trailing;

    /** A cursor over nothing until {@link #reset}. */
    public XorIterator() {
        exhausted = true;
    }

    /** Points the cursor before the first sample of {@code chunk}, as it is now. */
    public XorIterator reset(XorChunk chunk) {
        return reset(chunk.array(), chunk.offset(), chunk.sizeBytes());
    }

    /** Points the cursor before the first sample of a chunk stored at {@code b[off, off+len)}. */
    public XorIterator reset(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < XorChunk.HEADER_BYTES) {
            throw new IllegalArgumentException("chunk shorter than its header: " + len + " bytes");
        }
        count = XorChunk.readCount(b, off);
        in.reset(b, off + XorChunk.HEADER_BYTES, len - XorChunk.HEADER_BYTES);
        index = 0;
        exhausted = false;
        leading = -1;
        trailing = 0;
        delta = 0;
        return this;
    }

    @Override
    public SampleType next() {
        if (index >= count) {
            exhausted = true;
            return SampleType.NONE;
        }
        if (index >= 2) {
            delta += readDod();
            t += delta;
            readXor();
        } else if (index == 1) {
            delta = in.readUvarint();
            t += delta;
            readXor();
        } else {
            t = XorChunk.zigzagDecode(in.readUvarint());
            bits = in.readBits(64);
        }
        index++;
        return SampleType.FLOAT;
    }

    @Override
    public SampleType seek(long target) {
        if (exhausted) {
            return SampleType.NONE;
        }
        if (index > 0 && t >= target) {
            return SampleType.FLOAT; // already there: stay put
        }
        while (next() == SampleType.FLOAT) {
            if (t >= target) {
                return SampleType.FLOAT;
            }
        }
        return SampleType.NONE;
    }

    @Override
    public long timestamp() {
        return t;
    }

    /**
     * The current value. Note that on platforms whose floating-point moves quieten signalling NaNs
     * (not x86-64 or AArch64) the stale marker's bits are only safe via {@link #valueBits()}.
     */
    @Override
    public double value() {
        return Double.longBitsToDouble(bits);
    }

    /** The current value's raw IEEE 754 bits, exactly as appended. */
    public long valueBits() {
        return bits;
    }

    private long readDod() {
        // Decode the prefix and its payload from one peek: the payload is sign-extended by the
        // arithmetic shift, and the bucket comes from a table rather than a chain of branches.
        long w = in.peek(25);
        int ones = Math.min(Long.numberOfLeadingZeros(~w), 4);
        if (ones == 0) {
            in.skip(1);
            return 0;
        }
        if (ones < 4) {
            int width = XorChunk.DOD_BITS[ones];
            in.skip(ones + 1 + width);
            return (w << (ones + 1)) >> (64 - width);
        }
        in.skip(4);
        return in.readBits(64);
    }

    private void readXor() {
        long w = in.peek(13);
        if (w >= 0) { // '0': same value
            in.skip(1);
            return;
        }
        if ((w << 1) >= 0) { // '10': the current window
            if (leading < 0) {
                throw new IllegalStateException("corrupt chunk: window reused before one was set");
            }
            in.skip(2);
            bits ^= in.readBits(64 - leading - trailing) << trailing;
            return;
        }
        // '11': 5 bits leading zeros, 6 bits significant length (64 as 0), then the bits
        int lz = (int) (w >>> 57) & 0x1f;
        int sig = (int) (w >>> 51) & 0x3f;
        if (sig == 0) {
            sig = 64;
        }
        if (lz + sig > 64) {
            throw new IllegalStateException("corrupt chunk: window " + lz + " + " + sig + " > 64");
        }
        in.skip(13);
        leading = lz;
        trailing = 64 - lz - sig;
        bits ^= in.readBits(sig) << trailing;
    }

    // State the chunk needs to continue appending after a persisted tail.

    long delta() {
        return delta;
    }

    int leading() {
        return leading;
    }

    int trailing() {
        return trailing;
    }

    /** Bits consumed from the stream after the header. */
    int streamBits() {
        return in.bitPosition();
    }
}
