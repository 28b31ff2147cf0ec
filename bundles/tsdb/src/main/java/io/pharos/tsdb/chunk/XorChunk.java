package io.pharos.tsdb.chunk;

import io.pharos.spi.model.SampleType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * An append-only chunk of float samples of one series, compressed Gorilla-style: timestamps as
 * delta-of-deltas, values XOR'd with their predecessor. It lives in one {@code byte[]} that grows
 * by doubling, so appending allocates nothing per sample. {@link #wrap} reads a persisted chunk
 * in the caller's bytes, in place.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    Sample Count (u16, BE)     |  t0: zigzag varint, 1-10 B   ...
 *  +-------------------------------+-------------------------------+
 *  ...                                                             |
 *  +---------------------------------------------------------------+
 *  |              v0: raw IEEE 754 bits, 8 B, BE                  ...
 *  ...                                                             |
 *  +---------------------------------------------------------------+
 *  |           t1 - t0: unsigned varint, 1-10 B                   ...
 *  +---------------------------------------------------------------+
 *  | xor(v1) | dod(t2) xor(v2) | dod(t3) xor(v3) | ...  | 0-pad    |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Everything up to {@code t1 - t0} is byte-aligned; from the first XOR code on it is one bit
 * stream, most significant bit first, zero-padded to a whole byte. Varints are LEB128: 7 bits a
 * byte, low group first, high bit set on all but the last byte. The count is the only field ever
 * rewritten, so a reader knows how many samples to decode without an end marker.
 *
 * <p>Timestamps (ms), with {@code dod = (t[i] - t[i-1]) - (t[i-1] - t[i-2])}:
 *
 * <pre>
 *   '0'                      dod == 0                          1 bit
 *   '10'   + 7-bit signed    -64 .. 63                         9 bits
 *   '110'  + 10-bit signed   -512 .. 511                      13 bits
 *   '1110' + 20-bit signed   -524288 .. 524287 (~8.7 min)     24 bits
 *   '1111' + 64 bits         anything else                    68 bits
 * </pre>
 *
 * Why these buckets: scrapes every 15-60 s land within a few ms of their slot, so most dods are
 * small but not zero. The 7-bit bucket holds a healthy scrape loop's jitter in 9 bits, where the
 * 14-bit first bucket common for ms timestamps spends 16 (Gorilla's 7-bit one was for seconds).
 * With independent jitter of &plusmn;J ms per scrape a dod spans &plusmn;4J, so &plusmn;50 ms
 * jitter (a loaded host) still fits 9 bits about 60% of the time and 13 bits always. A missed
 * scrape or an interval change moves the dod by a whole interval: 20 bits hold several missed
 * 60 s scrapes. Zero stays one bit because aligned producers (rule evaluation, backfill) repeat
 * the interval exactly. Deltas are computed modulo 2<sup>64</sup>, so the 64-bit escape covers
 * any gap between any two timestamps.
 *
 * <p>A chunk starting in 2023 at a 15 s interval spends 6 + 8 + 2 bytes on {@code t0}, {@code v0}
 * and {@code t1 - t0}; with the header, 18 bytes before the bit stream.
 *
 * <p>Values, with {@code x = rawBits(v[i]) ^ rawBits(v[i-1])} and the current window of L leading
 * and T trailing zero bits:
 *
 * <pre>
 *   '0'                                   x == 0: same value
 *   '10' + (64 - L - T) bits              x fits the current window: its middle bits
 *   '11' + 5-bit L' + 6-bit S + S bits    new window: L' leading zeros (capped at 31),
 *                                         S significant bits (64 written as 0)
 * </pre>
 *
 * Values are compared by raw bits ({@link Double#doubleToRawLongBits}), so every NaN payload,
 * including the stale marker {@code 0x7ff0000000000002}, and -0.0 come back bit-exact.
 *
 * <p>A chunk holds at most {@link #MAX_SAMPLES} samples with strictly increasing timestamps. It is
 * not thread-safe: a writer must publish appends to readers through its own synchronisation.
 */
public final class XorChunk {
    /** Most samples a chunk can hold: the count header is 16 bits. */
    public static final int MAX_SAMPLES = 0xffff;

    static final int HEADER_BYTES = 2;

    /** Payload bits of each delta-of-delta code, by the number of 1s in its prefix. */
    static final int[] DOD_BITS = {0, 7, 10, 20, 64};

    /** The code for a dod that needs 1..64 bits as a signed number (index 0 unused). */
    private static final byte[] DOD_CODE = new byte[65];

    static {
        for (int width = 1; width <= 64; width++) {
            int code = 1;
            while (DOD_BITS[code] < width) {
                code++;
            }
            DOD_CODE[width] = (byte) code;
        }
    }

    private static final int DEFAULT_CAPACITY = 256; // ~120 samples of a typical series

    // A wrapped chunk reads the caller's bytes in place until its first append.
    private byte[] wrapped;
    private int wrappedOff;
    private int wrappedLen;
    private BitWriter writer; // null while wrapped and not yet appended to

    private int count;
    private long firstT;

    // Encoder state, valid when tailKnown: what the next sample is encoded against.
    private boolean tailKnown;
    private int tailBits; // length of the bit stream after the header
    private long lastT;
    private long lastDelta;
    private long lastBits;
    private int leading = -1; // current XOR window; -1: none yet
    private int trailing;

    /** An empty chunk. */
    public XorChunk() {
        this(DEFAULT_CAPACITY);
    }

    /** An empty chunk whose buffer starts at {@code initialCapacity} bytes. */
    public XorChunk(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("negative capacity: " + initialCapacity);
        }
        writer = new BitWriter(HEADER_BYTES, initialCapacity); // count header left zero
        tailKnown = true;
    }

    private XorChunk(byte[] b, int off, int len, int count) {
        this.wrapped = b;
        this.wrappedOff = off;
        this.wrappedLen = len;
        this.count = count;
        if (count > 0) {
            firstT = zigzagDecode(readUvarint(b, off + HEADER_BYTES, off + len));
        }
    }

    /**
     * A chunk over persisted bytes, as written by {@link #bytes()} or {@link #writeTo}. The bytes
     * are read in place and never written: the first {@link #append} copies them. They are
     * decoded lazily, so corruption surfaces as {@link IllegalStateException} when read.
     */
    public static XorChunk wrap(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < HEADER_BYTES) {
            throw new IllegalArgumentException("chunk shorter than its header: " + len + " bytes");
        }
        return new XorChunk(b, off, len, readCount(b, off));
    }

    /**
     * Appends a sample. Allocates only when the buffer must grow.
     *
     * @throws IllegalArgumentException if {@code t} is not after the last timestamp
     * @throws IllegalStateException if the chunk already holds {@link #MAX_SAMPLES}
     */
    public void append(long t, double v) {
        appendBits(t, Double.doubleToRawLongBits(v));
    }

    /**
     * Appends a sample given as the raw IEEE 754 bits of its value, for callers that carry values
     * as bits (a stale marker copied from another chunk, say) and want no double in between.
     *
     * @see #append(long, double)
     */
    public void appendBits(long t, long bits) {
        if (writer == null) {
            adopt();
        }
        if (count > 0 && t <= lastT) {
            throw new IllegalArgumentException(
                    "timestamps must increase: " + t + " after " + lastT);
        }
        if (count == MAX_SAMPLES) {
            throw new IllegalStateException("chunk full: " + MAX_SAMPLES + " samples");
        }
        if (count == 0) {
            writer.writeUvarint(zigzagEncode(t));
            writer.writeBits(bits, 64);
            firstT = t;
        } else if (count == 1) {
            lastDelta = t - lastT; // positive, or wrapped modulo 2^64 on an extreme span
            writer.writeUvarint(lastDelta);
            appendXor(bits);
        } else {
            long delta = t - lastT;
            appendDod(delta - lastDelta);
            lastDelta = delta;
            appendXor(bits);
        }
        lastT = t;
        lastBits = bits;
        count++;
        byte[] b = writer.array();
        b[0] = (byte) (count >>> 8);
        b[1] = (byte) count;
    }

    private void appendDod(long dod) {
        if (dod == 0) {
            writer.writeZero();
            return;
        }
        // Bucket by the dod's two's-complement width via a table, not a chain of range tests that
        // jitter makes unpredictable.
        int code = DOD_CODE[65 - Long.numberOfLeadingZeros(dod ^ (dod >> 63))];
        int width = DOD_BITS[code];
        if (code < 4) {
            long prefix = (1L << (code + 1)) - 2; // '10', '110', '1110'
            writer.writeBits((prefix << width) | (dod & ((1L << width) - 1)), code + 1 + width);
        } else {
            writer.writeBits(0b1111, 4);
            writer.writeBits(dod, 64);
        }
    }

    private void appendXor(long bits) {
        long x = bits ^ lastBits;
        if (x == 0) {
            writer.writeZero();
            return;
        }
        int lz = Math.min(Long.numberOfLeadingZeros(x), 31); // 5-bit field
        int tz = Long.numberOfTrailingZeros(x);
        int sig = 64 - lz - tz;
        if (leading >= 0 && lz >= leading && tz >= trailing) {
            int window = 64 - leading - trailing;
            // Reuse costs 2 + window bits, a new window 13 + sig. Pick the cheaper, so one noisy
            // sample that widened the window does not tax every later one (decoders don't care).
            if (window <= sig + 11) {
                long payload = x >>> trailing;
                if (window <= 62) {
                    writer.writeBits((0b10L << window) | payload, window + 2);
                } else {
                    writer.writeBits(0b10, 2);
                    writer.writeBits(payload, window);
                }
                return;
            }
        }
        long control = (0b11L << 11) | ((long) lz << 6) | (sig & 63);
        if (sig <= 51) {
            writer.writeBits((control << sig) | (x >>> tz), 13 + sig);
        } else {
            writer.writeBits(control, 13);
            writer.writeBits(x >>> tz, sig);
        }
        leading = lz;
        trailing = tz;
    }

    /** Number of samples. */
    public int numSamples() {
        return count;
    }

    /** Encoded size in bytes, header included. */
    public int sizeBytes() {
        return writer != null ? writer.sizeBytes() : wrappedLen;
    }

    /** A copy of the encoded bytes, for persisting; {@link #wrap} reads them back. */
    public byte[] bytes() {
        return Arrays.copyOfRange(array(), offset(), offset() + sizeBytes());
    }

    /** Puts the encoded bytes into {@code dst} at its position, advancing it. */
    public void writeTo(ByteBuffer dst) {
        dst.put(array(), offset(), sizeBytes());
    }

    /**
     * Timestamp of the first sample.
     *
     * @throws IllegalStateException if empty
     */
    public long minTime() {
        requireSamples();
        return firstT;
    }

    /**
     * Timestamp of the last sample; on a wrapped chunk the first call decodes it.
     *
     * @throws IllegalStateException if empty
     */
    public long maxTime() {
        requireSamples();
        if (!tailKnown) {
            decodeTail();
        }
        return lastT;
    }

    /**
     * A new cursor over the samples present now. Keep it and {@link XorIterator#reset(XorChunk)}
     * it to iterate again without allocating.
     */
    public XorIterator iterator() {
        return new XorIterator().reset(this);
    }

    @Override
    public String toString() {
        return "XorChunk[samples=" + count + ", bytes=" + sizeBytes() + "]";
    }

    byte[] array() {
        return writer != null ? writer.array() : wrapped;
    }

    int offset() {
        return writer != null ? 0 : wrappedOff;
    }

    private void requireSamples() {
        if (count == 0) {
            throw new IllegalStateException("empty chunk");
        }
    }

    /** Decodes a wrapped chunk to the end to recover the encoder state. */
    private void decodeTail() {
        XorIterator it = new XorIterator().reset(wrapped, wrappedOff, wrappedLen);
        while (it.next() != SampleType.NONE) {
            // walk to the last sample
        }
        lastT = it.timestamp();
        lastDelta = it.delta();
        lastBits = it.valueBits();
        leading = it.leading();
        trailing = it.trailing();
        tailBits = it.streamBits();
        tailKnown = true;
    }

    /** Copies a wrapped chunk into a buffer of its own so it can be appended to. */
    private void adopt() {
        if (!tailKnown) {
            decodeTail();
        }
        int used = HEADER_BYTES + ((tailBits + 7) >>> 3);
        byte[] own = Arrays.copyOfRange(wrapped, wrappedOff, wrappedOff + Math.max(used * 2, 64));
        Arrays.fill(own, used, own.length, (byte) 0); // the copy may run past the region
        writer = new BitWriter(own, HEADER_BYTES, tailBits); // masks the last byte's padding
        wrapped = null;
    }

    static int readCount(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    static long zigzagEncode(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long zigzagDecode(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static long readUvarint(byte[] b, int pos, int limit) {
        long v = 0;
        for (int shift = 0; shift < 64 && pos < limit; shift += 7) {
            int x = b[pos++];
            v |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                return v;
            }
        }
        throw new IllegalStateException("corrupt chunk: bad first timestamp");
    }
}
