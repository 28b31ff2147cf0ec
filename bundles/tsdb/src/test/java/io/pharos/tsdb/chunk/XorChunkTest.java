package io.pharos.tsdb.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.model.SampleType;
import io.pharos.spi.model.StaleMarker;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Round trips, edge values, seek semantics and persisted bytes of {@link XorChunk}. */
class XorChunkTest {
    private static final long T0 = 1_700_000_000_000L; // Nov 2023, ms

    @Test
    void regularScrapesWithJitter() {
        Random rnd = new Random(1);
        for (int jitter : new int[] {0, 1, 5, 50, 400, 3_000}) {
            long[] t = Series.scrapeTimes(rnd, 120, T0, 15_000, jitter);
            Series s = new Series(120);
            for (long ti : t) {
                s.add(ti, rnd.nextGaussian() * 100);
            }
            s.assertDecodes(s.encode());
        }
    }

    /** The layout documented on {@link XorChunk}, byte for byte, worked out by hand. */
    @Test
    void goldenBytes() {
        XorChunk c = new XorChunk();
        c.append(1000, 1.0);
        c.append(2000, 1.0); // delta 1000; same value: '0'
        c.append(3000, 2.0); // dod 0: '0'; x = 0x7ff0..0: '11' 00001 001011 + 11 ones
        c.append(4005, 2.0); // dod 5: '10' 0000101; same value: '0'
        byte[] expected = {
            0x00, 0x04, // count
            (byte) 0xd0, 0x0f, // zigzag(1000) = 2000 as varint
            0x3f, (byte) 0xf0, 0, 0, 0, 0, 0, 0, // 1.0
            (byte) 0xe8, 0x07, // 1000 as varint
            0x30, (byte) 0x97, (byte) 0xff, (byte) 0xe0, (byte) 0xa0, // 36 bits, 4 of padding
        };
        assertArrayEquals(expected, c.bytes());
        new Series(4).add(1000, 1).add(2000, 1).add(3000, 2).add(4005, 2)
                .assertDecodes(XorChunk.wrap(expected, 0, expected.length));
    }

    @Test
    void constantValues() {
        Series s = new Series(120);
        for (int i = 0; i < 120; i++) {
            s.add(T0 + i * 15_000L, 1.0);
        }
        XorChunk c = s.encode();
        s.assertDecodes(c);
        // header 2 + t0 6 + v0 8 + delta 2, then '0' for v1 and '0' '0' for each later sample
        assertEquals(18 + (1 + 118 * 2 + 7) / 8, c.sizeBytes(), c.toString());
    }

    @Test
    void counters() {
        Random rnd = new Random(2);
        Series ints = new Series(240);
        Series floats = new Series(240);
        double a = 0;
        double b = 1234.56;
        for (int i = 0; i < 240; i++) {
            long t = T0 + i * 30_000L + rnd.nextInt(11) - 5;
            ints.add(t, a);
            floats.add(t, b);
            a += rnd.nextInt(1000);
            b += rnd.nextInt(1500) / 100.0; // cpu seconds in USER_HZ ticks
        }
        ints.assertDecodes(ints.encode());
        floats.assertDecodes(floats.encode());
    }

    @Test
    void randomDoubles() {
        Random rnd = new Random(3);
        Series s = new Series(300);
        for (int i = 0; i < 300; i++) {
            s.addBits(T0 + i * 60_000L, rnd.nextLong()); // any bit pattern, NaNs included
        }
        s.assertDecodes(s.encode());
    }

    @Test
    void specialValuesAreBitExact() {
        long[] values = {
            StaleMarker.BITS,
            Double.doubleToRawLongBits(Double.NaN),
            0x7ff8_0000_0000_0001L, // quiet NaN with payload
            0xfff8_0000_0000_0000L, // negative NaN
            0x7ff0_0000_0000_0001L, // signalling NaN
            Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
            Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
            Double.doubleToRawLongBits(-0.0),
            Double.doubleToRawLongBits(0.0),
            Double.doubleToRawLongBits(Double.MIN_VALUE),
            Double.doubleToRawLongBits(-Double.MAX_VALUE),
            Double.doubleToRawLongBits(Double.MIN_NORMAL),
            StaleMarker.BITS,
            StaleMarker.BITS,
            Double.doubleToRawLongBits(1.0),
            StaleMarker.BITS,
        };
        Series s = new Series(values.length * 2);
        long t = T0;
        for (int round = 0; round < 2; round++) {
            for (long v : values) {
                s.addBits(t += 15_000, v);
            }
        }
        XorChunk c = s.encode();
        s.assertDecodes(c);
        XorChunk raw = new XorChunk();
        for (int i = 0; i < s.size; i++) {
            raw.appendBits(s.ts[i], s.bits[i]);
        }
        assertArrayEquals(c.bytes(), raw.bytes(), "append(double) and appendBits agree");
        XorIterator it = c.iterator();
        it.next();
        assertTrue(StaleMarker.isStale(it.value()));
        it.next();
        assertTrue(Double.isNaN(it.value()));
        assertTrue(!StaleMarker.isStale(it.value()));
    }

    @Test
    void hugeTimestampGaps() {
        long year = 365L * 24 * 3600 * 1000;
        Series s = new Series(8)
                .add(0, 1)
                .add(15_000, 2)
                .add(30_000, 3)
                .add(50 * year, 4) // dod needs the 64-bit escape
                .add(50 * year + 1, 5)
                .add(200 * year, 6)
                .add(200 * year + 15_000, 7)
                .add(200 * year + 30_000, 8);
        s.assertDecodes(s.encode());
    }

    @Test
    void extremeTimestamps() {
        // Deltas and dods wrap modulo 2^64; decoding must undo exactly that.
        Series s = new Series(5)
                .add(Long.MIN_VALUE, 1)
                .add(Long.MIN_VALUE + 1, 2)
                .add(Long.MAX_VALUE - 2, 3)
                .add(Long.MAX_VALUE - 1, 4)
                .add(Long.MAX_VALUE, 5);
        s.assertDecodes(s.encode());
    }

    @Test
    void negativeTimestamps() {
        Series s = new Series(100);
        for (int i = 0; i < 100; i++) {
            s.add(-1_000_000_000L + i * 15_001L, i);
        }
        s.assertDecodes(s.encode());
        Series crossing = new Series(3).add(-15_000, 1).add(0, 2).add(15_000, 3);
        crossing.assertDecodes(crossing.encode());
    }

    @Test
    void dodBucketBoundaries() {
        long[] dods = {
            0, 1, -1, 63, -64, 64, -65, 511, -512, 512, -513,
            (1 << 19) - 1, -(1 << 19), 1 << 19, -(1 << 19) - 1, 10_000_000_000L,
        };
        Series s = new Series(3 + 2 * dods.length);
        long delta = 20_000_000_000L; // large enough that every dod keeps timestamps increasing
        long t = 0;
        s.add(t, 0);
        s.add(t += delta, 0);
        for (long dod : dods) {
            s.add(t += (delta += dod), 0);
            s.add(t += (delta -= dod), 0);
        }
        s.assertDecodes(s.encode());
    }

    @Test
    void emptyChunk() {
        XorChunk c = new XorChunk();
        assertEquals(0, c.numSamples());
        assertEquals(2, c.sizeBytes());
        assertArrayEquals(new byte[2], c.bytes());
        assertEquals(SampleType.NONE, c.iterator().next());
        assertEquals(SampleType.NONE, c.iterator().seek(Long.MIN_VALUE));
        assertThrows(IllegalStateException.class, c::minTime);
        assertThrows(IllegalStateException.class, c::maxTime);
        XorChunk w = XorChunk.wrap(c.bytes(), 0, 2);
        assertEquals(0, w.numSamples());
        w.append(5, 6);
        new Series(1).add(5, 6).assertDecodes(w);
    }

    @Test
    void singleSample() {
        Series s = new Series(1).add(T0, 42.5);
        XorChunk c = s.encode();
        s.assertDecodes(c);
        assertEquals(T0, c.minTime());
        assertEquals(T0, c.maxTime());
        s.assertDecodes(XorChunk.wrap(c.bytes(), 0, c.sizeBytes()));
    }

    @Test
    void everyLengthUpTo300() {
        Random rnd = new Random(4);
        Series all = new Series(300);
        long[] t = Series.scrapeTimes(rnd, 300, T0, 15_000, 20);
        for (int i = 0; i < 300; i++) {
            all.add(t[i], rnd.nextInt(5) == 0 ? rnd.nextDouble() : i / 4);
        }
        XorChunk grown = new XorChunk(0); // also grows from the smallest buffer
        for (int n = 1; n <= 300; n++) {
            Series s = new Series(n);
            for (int i = 0; i < n; i++) {
                s.addBits(all.ts[i], all.bits[i]);
            }
            s.assertDecodes(s.encode());
            all.appendTo(grown, n - 1, n);
            s.assertDecodes(grown);
            s.assertDecodes(XorChunk.wrap(grown.bytes(), 0, grown.sizeBytes()));
        }
    }

    @Test
    void seekSemantics() {
        Series s = new Series(4).add(100, 1).add(200, 2).add(300, 3).add(400, 4);
        XorIterator it = s.encode().iterator();

        // Before the first next(), seek positions on the first sample >= t.
        assertEquals(SampleType.FLOAT, it.seek(150));
        assertEquals(200, it.timestamp());
        assertEquals(2.0, it.value());
        // Already at or past t: stays put, never goes back.
        assertEquals(SampleType.FLOAT, it.seek(200));
        assertEquals(200, it.timestamp());
        assertEquals(SampleType.FLOAT, it.seek(50));
        assertEquals(200, it.timestamp());
        // Exact hit.
        assertEquals(SampleType.FLOAT, it.seek(300));
        assertEquals(300, it.timestamp());
        assertEquals(SampleType.FLOAT, it.next());
        assertEquals(400, it.timestamp());
        // Past the end: NONE, and it stays exhausted.
        assertEquals(SampleType.NONE, it.seek(401));
        assertEquals(SampleType.NONE, it.seek(0));
        assertEquals(SampleType.NONE, it.next());

        it.reset(s.encode());
        assertEquals(SampleType.FLOAT, it.seek(Long.MIN_VALUE));
        assertEquals(100, it.timestamp());
        assertEquals(SampleType.NONE, it.seek(Long.MAX_VALUE));
    }

    @Test
    void outOfOrderAppendIsRejected() {
        XorChunk c = new XorChunk();
        c.append(1000, 1);
        assertThrows(IllegalArgumentException.class, () -> c.append(1000, 2));
        assertThrows(IllegalArgumentException.class, () -> c.append(999, 2));
        c.append(2000, 2);
        assertThrows(IllegalArgumentException.class, () -> c.append(2000, 3));
        assertThrows(IllegalArgumentException.class, () -> c.append(Long.MIN_VALUE, 3));
        c.append(2001, 3);
        // A rejected append leaves no trace.
        new Series(3).add(1000, 1).add(2000, 2).add(2001, 3).assertDecodes(c);
    }

    @Test
    void fullChunkRejectsAppends() {
        XorChunk c = new XorChunk();
        for (int i = 0; i < XorChunk.MAX_SAMPLES; i++) {
            c.append(i, i & 7);
        }
        assertThrows(IllegalStateException.class, () -> c.append(XorChunk.MAX_SAMPLES, 0));
        XorIterator it = XorChunk.wrap(c.bytes(), 0, c.sizeBytes()).iterator();
        int n = 0;
        while (it.next() == SampleType.FLOAT) {
            assertEquals(n, it.timestamp());
            assertEquals(n & 7, it.value());
            n++;
        }
        assertEquals(XorChunk.MAX_SAMPLES, n);
    }

    @Test
    void wrapReadsPersistedBytesInPlace() {
        Series s = Series.quietPacketCounter(new Random(5), 120, T0, 50);
        XorChunk c = s.encode();
        byte[] persisted = c.bytes();
        assertEquals(c.sizeBytes(), persisted.length);
        assertEquals(c.numSamples(), (persisted[0] & 0xff) << 8 | (persisted[1] & 0xff));

        // Embedded at an offset in a larger page, surrounded by garbage.
        byte[] page = new byte[persisted.length + 37];
        Arrays.fill(page, (byte) 0xa5);
        System.arraycopy(persisted, 0, page, 13, persisted.length);
        byte[] before = page.clone();
        XorChunk w = XorChunk.wrap(page, 13, persisted.length);
        s.assertDecodes(w);
        assertArrayEquals(persisted, w.bytes());
        s.assertIterates(new XorIterator().reset(page, 13, persisted.length));

        ByteBuffer bb = ByteBuffer.allocate(persisted.length + 3).position(3);
        w.writeTo(bb);
        assertArrayEquals(persisted, Arrays.copyOfRange(bb.array(), 3, bb.position()));
        assertArrayEquals(before, page, "wrap must not write to the caller's bytes");
    }

    @Test
    void appendContinuesAWrappedChunk() {
        Series s = Series.quietPacketCounter(new Random(6), 200, T0, 50);
        XorChunk c = new XorChunk();
        s.appendTo(c, 0, 77);
        byte[] page = new byte[c.sizeBytes() + 20];
        Arrays.fill(page, (byte) 0xff); // padding bits after the chunk must not leak into it
        c.writeTo(ByteBuffer.wrap(page, 10, c.sizeBytes()));
        byte[] before = page.clone();

        XorChunk w = XorChunk.wrap(page, 10, c.sizeBytes());
        s.appendTo(w, 77, 200);
        s.assertDecodes(w);
        assertArrayEquals(s.encode().bytes(), w.bytes(), "same bytes as encoding in one go");
        assertArrayEquals(before, page, "append copies before writing");
        assertThrows(IllegalArgumentException.class, () -> w.append(s.ts[199], 0));
    }

    @Test
    void iteratorSeesTheSamplesPresentAtReset() {
        XorChunk c = new XorChunk(0);
        c.append(1, 1);
        c.append(2, 2);
        XorIterator it = c.iterator();
        for (int i = 3; i < 200; i++) {
            c.append(i, i); // grows the buffer under the cursor
        }
        assertEquals(SampleType.FLOAT, it.next());
        assertEquals(SampleType.FLOAT, it.next());
        assertEquals(2.0, it.value());
        assertEquals(SampleType.NONE, it.next());
        it.reset(c);
        assertEquals(SampleType.FLOAT, it.seek(199));
        assertEquals(199.0, it.value());
    }

    @Test
    void unresetIteratorIsEmpty() {
        XorIterator it = new XorIterator();
        assertEquals(SampleType.NONE, it.next());
        assertEquals(SampleType.NONE, it.seek(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 11, 19, 20, 40})
    void truncatedBytesFailLoudly(int samples) {
        Series s = new Series(samples);
        Random rnd = new Random(samples);
        for (int i = 0; i < samples; i++) {
            s.addBits(T0 + i * 15_000L + rnd.nextInt(100), rnd.nextLong());
        }
        byte[] b = s.encode().bytes();
        XorIterator it = new XorIterator().reset(b, 0, b.length - 1);
        assertThrows(IllegalStateException.class, () -> {
            while (it.next() == SampleType.FLOAT) {
                // runs into the cut
            }
        });
        assertThrows(IllegalStateException.class, () -> XorChunk.wrap(b, 0, b.length - 1).maxTime());
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> XorChunk.wrap(new byte[1], 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> XorChunk.wrap(new byte[4], 3, 2));
        assertThrows(IllegalArgumentException.class, () -> new XorChunk(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> new XorIterator().reset(new byte[4], -1, 2));
    }
}
