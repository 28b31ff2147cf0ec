package io.pharos.tsdb.chunk;

import io.pharos.spi.model.SampleType;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Chunk encode and decode cost, reported in ns per sample. Each operation encodes or decodes
 * {@value #CHUNKS} chunks of {@value #PER_CHUNK} samples, so branch predictors cannot learn one
 * chunk by heart. Not run by the build; after {@code install}, from the repository root:
 *
 * <pre>
 * M2=~/.m2/repository
 * java -cp bundles/tsdb/target/test-classes:bundles/tsdb/target/classes:plugins-sdk/spi/target/classes:\
 * $M2/org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar:$M2/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar:\
 * $M2/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar org.openjdk.jmh.Main ChunkBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@OperationsPerInvocation(ChunkBenchmark.CHUNKS * ChunkBenchmark.PER_CHUNK)
public class ChunkBenchmark {
    static final int CHUNKS = 256;
    static final int PER_CHUNK = 120;

    /** Series shapes, from cheapest to dearest: see {@link CompressionTest} for their sizes. */
    @Param({"constantGauge", "quietCounter", "cpuSeconds", "gaussianGauge"})
    public String shape;

    private Series[] data;
    private XorChunk[] chunks;
    private final XorIterator it = new XorIterator();

    @Setup
    public void setUp() {
        Random rnd = new Random(1);
        data = new Series[CHUNKS];
        chunks = new XorChunk[CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            long start = 1_700_000_000_000L + c * PER_CHUNK * 15_000L;
            data[c] = shape.equals("quietCounter")
                    ? Series.quietPacketCounter(rnd, PER_CHUNK, start, 50)
                    : other(rnd, start);
            chunks[c] = data[c].encode();
        }
    }

    private Series other(Random rnd, long start) {
        long[] t = Series.scrapeTimes(rnd, PER_CHUNK, start, 15_000, shape.equals("constantGauge") ? 5 : 50);
        Series s = new Series(PER_CHUNK);
        long ticks = 81_234_567;
        for (int i = 0; i < PER_CHUNK; i++) {
            double v = switch (shape) {
                case "constantGauge" -> 16_777_216_000.0;
                case "cpuSeconds" -> (ticks += 1490 + rnd.nextInt(11)) / 100.0;
                default -> rnd.nextGaussian() * 10 + 50;
            };
            s.add(t[i], v);
        }
        return s;
    }

    /** Appends every sample into fresh chunks, as the head does. */
    @Benchmark
    public void encode(Blackhole bh) {
        for (Series s : data) {
            XorChunk c = new XorChunk();
            long[] ts = s.ts;
            long[] bits = s.bits;
            for (int i = 0; i < PER_CHUNK; i++) {
                c.appendBits(ts[i], bits[i]);
            }
            bh.consume(c);
        }
    }

    /** Iterates every sample with one reused cursor, as a query does. */
    @Benchmark
    public long decode() {
        long sum = 0;
        for (XorChunk c : chunks) {
            it.reset(c);
            while (it.next() == SampleType.FLOAT) {
                sum += it.timestamp() ^ it.valueBits();
            }
        }
        return sum;
    }
}
