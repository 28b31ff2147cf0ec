package io.pharos.tsdb.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pharos.spi.model.SampleType;
import java.util.Arrays;
import java.util.Random;

/** The plain-array model the chunk is checked against, and generators of realistic series. */
final class Series {
    final long[] ts;
    final long[] bits;
    int size;

    Series(int capacity) {
        ts = new long[capacity];
        bits = new long[capacity];
    }

    Series add(long t, double v) {
        return addBits(t, Double.doubleToRawLongBits(v));
    }

    Series addBits(long t, long b) {
        ts[size] = t;
        bits[size] = b;
        size++;
        return this;
    }

    XorChunk encode() {
        XorChunk c = new XorChunk();
        appendTo(c, 0, size);
        return c;
    }

    void appendTo(XorChunk c, int from, int to) {
        for (int i = from; i < to; i++) {
            c.append(ts[i], Double.longBitsToDouble(bits[i]));
        }
    }

    /** Index of the first sample at or after {@code t}, or {@code size}. */
    int firstAtOrAfter(long t) {
        int i = Arrays.binarySearch(ts, 0, size, t);
        return i >= 0 ? i : -i - 1;
    }

    /** Asserts the chunk decodes to exactly this series, bits included. */
    void assertDecodes(XorChunk c) {
        assertEquals(size, c.numSamples(), "numSamples");
        if (size > 0) {
            assertEquals(ts[0], c.minTime(), "minTime");
            assertEquals(ts[size - 1], c.maxTime(), "maxTime");
        }
        assertIterates(c.iterator());
    }

    void assertIterates(XorIterator it) {
        for (int i = 0; i < size; i++) {
            assertEquals(SampleType.FLOAT, it.next(), "sample " + i);
            assertEquals(ts[i], it.timestamp(), "timestamp " + i);
            assertEquals(bits[i], it.valueBits(), "value bits " + i);
            assertEquals(bits[i], Double.doubleToRawLongBits(it.value()), "value " + i);
        }
        assertEquals(SampleType.NONE, it.next(), "end");
        assertEquals(SampleType.NONE, it.next(), "stays at end");
    }

    // Generators.

    /** Scrape timestamps: a {@code interval} grid from {@code start}, each off by up to ±jitter ms. */
    static long[] scrapeTimes(Random rnd, int n, long start, long interval, int jitter) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + i * interval + (jitter == 0 ? 0 : rnd.nextInt(2 * jitter + 1) - jitter);
        }
        return t;
    }

    /**
     * A node-exporter-like counter: {@code node_network_transmit_packets_total} of a quiet host,
     * a large integer that grows by a few packets per scrape and sometimes not at all.
     */
    static Series quietPacketCounter(Random rnd, int n, long start, int jitter) {
        Series s = new Series(n);
        long[] t = scrapeTimes(rnd, n, start, 15_000, jitter);
        double v = 48_213_977;
        for (int i = 0; i < n; i++) {
            s.add(t[i], v);
            v += rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(12);
        }
        return s;
    }
}
