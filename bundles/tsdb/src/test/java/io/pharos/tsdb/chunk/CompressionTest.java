package io.pharos.tsdb.chunk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Bytes per sample on node-exporter-like series: a day at a 15 s interval cut into chunks of 120
 * samples, each chunk's header and first sample included. Prints a table; asserts loose bounds.
 *
 * <p>Independent &plusmn;50 ms jitter per scrape alone costs about 1.3 bytes a sample: the dod
 * {@code e[i] - 2e[i-1] + e[i-2]} has a standard deviation near 71 ms, about 8 bits of entropy,
 * before any value bits. The ~1.4 bytes/sample Prometheus reports is a fleet average dominated by
 * near-constant series and ms-accurate scrape timing; the rows without jitter show that regime.
 */
class CompressionTest {
    private static final int CHUNK = 120;
    private static final int SAMPLES = 24 * 60 * 4; // one day at 15 s

    @Test
    void bytesPerSample() {
        double counter50 = measure("quiet packet counter (+0..11), jitter ±50 ms", 50, quietCounter());
        measure("quiet packet counter (+0..11), jitter ±5 ms", 5, quietCounter());
        measure("quiet packet counter (+0..11), no jitter", 0, quietCounter());
        double constant = measure("constant gauge (MemTotal), jitter ±50 ms", 50, i -> 16_777_216_000.0);
        measure("constant gauge (MemTotal), jitter ±5 ms", 5, i -> 16_777_216_000.0);
        measure("idle cpu seconds (+~14.9, 0.01 s ticks), jitter ±50 ms", 50, cpuSeconds());
        measure("busy byte counter (+~1e5), jitter ±50 ms", 50, busyBytes());

        assertTrue(counter50 < 3, "realistic counter at 15 s ±50 ms: " + counter50 + " bytes/sample");
        assertTrue(constant < 1.6, "constant gauge: " + constant + " bytes/sample");
    }

    private static LongToDoubleFunction quietCounter() {
        Random rnd = new Random(42);
        double[] v = {48_213_977};
        return i -> v[0] += rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(12);
    }

    private static LongToDoubleFunction cpuSeconds() {
        Random rnd = new Random(43);
        long[] ticks = {81_234_567};
        return i -> (ticks[0] += 1490 + rnd.nextInt(11)) / 100.0;
    }

    private static LongToDoubleFunction busyBytes() {
        Random rnd = new Random(44);
        double[] v = {9_876_543_210.0};
        return i -> v[0] += 50_000 + rnd.nextInt(100_000);
    }

    private static double measure(String name, int jitter, LongToDoubleFunction values) {
        Random rnd = new Random(jitter);
        long[] t = Series.scrapeTimes(rnd, SAMPLES, 1_700_000_000_000L, 15_000, jitter);
        long bytes = 0;
        XorChunk c = null;
        for (int i = 0; i < SAMPLES; i++) {
            if (i % CHUNK == 0) {
                if (c != null) {
                    bytes += c.sizeBytes();
                }
                c = new XorChunk();
            }
            c.append(t[i], values.applyAsDouble(i));
        }
        bytes += c.sizeBytes();
        double perSample = (double) bytes / SAMPLES;
        System.out.printf("%-58s %5.2f bytes/sample%n", name, perSample);
        return perSample;
    }
}
