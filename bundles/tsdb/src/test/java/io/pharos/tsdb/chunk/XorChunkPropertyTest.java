package io.pharos.tsdb.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pharos.spi.model.SampleType;
import io.pharos.spi.model.StaleMarker;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random series of every shape the encoder distinguishes, checked against the plain-array model:
 * iteration, seeks, persisting, and continuing a persisted chunk. A failure names its seed.
 */
class XorChunkPropertyTest {
    private static final int SEEDS = 3_000;

    @Test
    void randomSeriesMatchTheModel() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random rnd = new Random(seed);
            Series s = randomSeries(rnd);
            try {
                check(rnd, s);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    private static void check(Random rnd, Series s) {
        XorChunk c = s.encode();
        s.assertDecodes(c);

        byte[] b = c.bytes();
        XorChunk w = XorChunk.wrap(b, 0, b.length);
        s.assertDecodes(w);

        // Persist after a random prefix, wrap, and continue: same bytes as one go.
        int cut = s.size == 0 ? 0 : rnd.nextInt(s.size + 1);
        XorChunk prefix = new XorChunk(rnd.nextInt(64));
        s.appendTo(prefix, 0, cut);
        XorChunk continued = XorChunk.wrap(prefix.bytes(), 0, prefix.sizeBytes());
        s.appendTo(continued, cut, s.size);
        assertArrayEquals(b, continued.bytes());

        // Random walks of next() and seek(), reusing one cursor.
        XorIterator it = new XorIterator();
        for (int walk = 0; walk < 3; walk++) {
            it.reset(walk == 0 ? c : w);
            int pos = -1; // model position; s.size = exhausted
            for (int step = 0; step < 20 && pos < s.size; step++) {
                SampleType got;
                if (rnd.nextBoolean()) {
                    got = it.next();
                    pos++;
                } else {
                    long target = seekTarget(rnd, s, pos);
                    got = it.seek(target);
                    if (pos < 0 || s.ts[pos] < target) {
                        pos = Math.max(pos + 1, s.firstAtOrAfter(target));
                    }
                }
                if (pos >= s.size) {
                    pos = s.size;
                    assertEquals(SampleType.NONE, got);
                } else {
                    assertEquals(SampleType.FLOAT, got);
                    assertEquals(s.ts[pos], it.timestamp());
                    assertEquals(s.bits[pos], it.valueBits());
                }
            }
        }
    }

    private static long seekTarget(Random rnd, Series s, int pos) {
        if (s.size == 0) {
            return rnd.nextLong();
        }
        int i = Math.min(Math.max(pos, 0) + rnd.nextInt(6) - 1, s.size - 1);
        if (i < 0) {
            i = 0;
        }
        switch (rnd.nextInt(4)) {
            case 0:
                return s.ts[i]; // exact hit
            case 1:
                return s.ts[i] - 1; // just before
            case 2:
                return s.ts[i] + 1; // just after
            default:
                return s.ts[s.size - 1] + 1 + rnd.nextInt(1000); // past the end
        }
    }

    /** A series whose timestamps and values follow one of several regimes, switching at random. */
    static Series randomSeries(Random rnd) {
        int n = rnd.nextInt(8) == 0 ? rnd.nextInt(4) : 1 + rnd.nextInt(130 + 470 * rnd.nextInt(2));
        Series s = new Series(n);
        long t = switch (rnd.nextInt(4)) {
            case 0 -> 1_700_000_000_000L + rnd.nextInt(1_000_000);
            case 1 -> -rnd.nextInt(Integer.MAX_VALUE) * 1000L;
            case 2 -> Long.MIN_VALUE + rnd.nextInt(1000);
            default -> rnd.nextLong() / 2;
        };
        long interval = new long[] {1, 1000, 15_000, 30_000, 60_000}[rnd.nextInt(5)];
        int jitter = new int[] {0, 2, 50, 500, 5_000}[rnd.nextInt(5)];
        double v = rnd.nextDouble() * 1e6;
        int valueMode = rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            long bits;
            switch (valueMode) {
                case 0 -> bits = raw(v); // constant
                case 1 -> bits = raw(v += rnd.nextInt(100)); // integer counter
                case 2 -> bits = raw(v += rnd.nextInt(2000) / 100.0); // float counter
                case 3 -> bits = raw(rnd.nextGaussian()); // noisy gauge
                case 4 -> bits = rnd.nextLong(); // arbitrary bits, NaNs included
                default -> bits = special(rnd, v); // mostly regular, with specials mixed in
            }
            if (rnd.nextInt(50) == 0) {
                valueMode = rnd.nextInt(6);
            }
            long step = Math.max(1, interval + rnd.nextInt(2 * jitter + 1) - jitter);
            if (rnd.nextInt(40) == 0) { // missed scrapes, or a gap of up to 35 000 years
                step = 1 + (rnd.nextBoolean()
                        ? rnd.nextInt(10) * interval
                        : Math.abs(rnd.nextLong() % (1L << 50)));
            }
            if (i > 0) {
                if (t > Long.MAX_VALUE - step) {
                    break; // out of time: keep the series so far
                }
                t += step;
            }
            s.addBits(t, bits);
        }
        return s;
    }

    private static long special(Random rnd, double v) {
        return switch (rnd.nextInt(10)) {
            case 0 -> StaleMarker.BITS;
            case 1 -> raw(Double.NaN);
            case 2 -> raw(rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
            case 3 -> raw(-0.0);
            default -> raw(v);
        };
    }

    private static long raw(double v) {
        return Double.doubleToRawLongBits(v);
    }
}
