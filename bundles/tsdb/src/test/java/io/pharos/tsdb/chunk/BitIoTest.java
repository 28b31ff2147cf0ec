package io.pharos.tsdb.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link BitWriter} and {@link BitReader} agree on fields of every width at every alignment. */
class BitIoTest {
    @Test
    void fieldsOfEveryWidthRoundTrip() {
        for (long seed = 0; seed < 200; seed++) {
            Random rnd = new Random(seed);
            int n = 1 + rnd.nextInt(300);
            int[] widths = new int[n];
            long[] values = new long[n];
            BitWriter w = new BitWriter(0, rnd.nextInt(20));
            int bits = 0;
            for (int i = 0; i < n; i++) {
                widths[i] = rnd.nextInt(5) == 0 ? 1 : 1 + rnd.nextInt(64);
                long v = rnd.nextLong(); // high garbage: the writer must mask it
                values[i] = widths[i] == 64 ? v : v & ((1L << widths[i]) - 1);
                if (widths[i] == 1 && values[i] == 0 && rnd.nextBoolean()) {
                    w.writeZero();
                } else {
                    w.writeBits(v, widths[i]);
                }
                bits += widths[i];
            }
            assertEquals(bits, w.bitLength());
            assertEquals((bits + 7) / 8, w.sizeBytes());

            // Read back from an offset inside a larger array, as from a page.
            byte[] page = new byte[w.sizeBytes() + 11];
            System.arraycopy(w.array(), 0, page, 5, w.sizeBytes());
            BitReader r = new BitReader();
            r.reset(page, 5, w.sizeBytes());
            for (int i = 0; i < n; i++) {
                long got;
                if (widths[i] <= 25 && rnd.nextBoolean()) { // peek and skip, as the decoder does
                    got = r.peek(widths[i]) >>> (64 - widths[i]);
                    r.skip(widths[i]);
                } else {
                    got = r.readBits(widths[i]);
                }
                assertEquals(values[i], got, "seed " + seed + " field " + i + " width " + widths[i]);
            }
            assertEquals(bits, r.bitPosition());
        }
    }

    @Test
    void resumingContinuesTheStreamAndIgnoresPadding() {
        Random rnd = new Random(99);
        for (int cut = 0; cut < 200; cut++) {
            long[] values = new long[40];
            int[] widths = new int[40];
            BitWriter whole = new BitWriter(3, 0);
            for (int i = 0; i < values.length; i++) {
                widths[i] = 1 + rnd.nextInt(64);
                values[i] = rnd.nextLong();
                whole.writeBits(values[i], widths[i]);
            }
            // Stop after k fields, spoil the padding of the last byte, resume, write the rest.
            int k = cut % values.length;
            BitWriter first = new BitWriter(3, 0);
            for (int i = 0; i < k; i++) {
                first.writeBits(values[i], widths[i]);
            }
            byte[] persisted = Arrays.copyOf(first.array(), first.sizeBytes() + 8);
            if ((first.bitLength() & 7) != 0) {
                persisted[first.sizeBytes() - 1] |= (byte) (0xff >>> (first.bitLength() & 7));
            }
            BitWriter resumed = new BitWriter(persisted, 3, first.bitLength());
            for (int i = k; i < values.length; i++) {
                resumed.writeBits(values[i], widths[i]);
            }
            assertEquals(whole.bitLength(), resumed.bitLength());
            assertArrayEquals(
                    Arrays.copyOf(whole.array(), whole.sizeBytes()),
                    Arrays.copyOf(resumed.array(), resumed.sizeBytes()));
        }
    }

    @Test
    void varintsRoundTrip() {
        long[] values = {0, 1, 127, 128, 16_383, 16_384, Long.MAX_VALUE, Long.MIN_VALUE, -1};
        BitWriter w = new BitWriter(0, 0);
        w.writeBits(1, 3); // misaligned on purpose
        for (long v : values) {
            w.writeUvarint(v);
            w.writeUvarint(XorChunk.zigzagEncode(v));
        }
        BitReader r = new BitReader();
        r.reset(w.array(), 0, w.sizeBytes());
        assertEquals(1, r.readBits(3));
        for (long v : values) {
            assertEquals(v, r.readUvarint());
            assertEquals(v, XorChunk.zigzagDecode(r.readUvarint()));
        }
    }

    @Test
    void readingPastTheEndFails() {
        BitReader r = new BitReader();
        r.reset(new byte[] {(byte) 0xff, 0x01}, 0, 2);
        assertEquals(0xff01, r.readBits(16));
        assertThrows(IllegalStateException.class, () -> r.readBits(1));
        assertEquals(0, r.peek(8), "zeros past the end");
        assertThrows(IllegalStateException.class, () -> r.skip(1));
        r.reset(new byte[9], 0, 9);
        r.readBits(10);
        assertThrows(IllegalStateException.class, () -> r.readBits(63));
    }
}
