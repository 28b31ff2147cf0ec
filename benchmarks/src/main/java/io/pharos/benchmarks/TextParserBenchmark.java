package io.pharos.benchmarks;

import io.pharos.exposition.ExpositionException;
import io.pharos.exposition.TextParser;
import io.pharos.spi.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Text-format parsing of a node-exporter-like body: per-sample cost with a warm series cache
 * (value only, as a scrape with cached series does) and with every label set decoded (a cold
 * cache). Bytes and samples per body are printed at setup: MB/s = bodies/s x bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TextParserBenchmark {
    @Param({"2000"})
    int series;

    byte[] body;
    int samples;
    TextParser parser;
    final Labels.Builder builder = new Labels.Builder();

    @Setup
    public void setup() {
        body = NodeExporterBody.generate(series).getBytes(StandardCharsets.UTF_8);
        samples = series;
        parser = new TextParser(body, 0, body.length);
        System.out.printf("%nbody: %d bytes, %d samples (%.1f bytes/sample)%n", body.length, samples,
                body.length / (double) samples);
    }

    /** ns per body with only values read; divide by samples for ns/sample. */
    @Benchmark
    public double valuesOnly() throws ExpositionException {
        parser.reset(body, 0, body.length);
        double sum = 0;
        TextParser.Entry e;
        while ((e = parser.next()) != TextParser.Entry.EOF) {
            if (e == TextParser.Entry.SERIES) {
                sum += parser.value();
            }
        }
        return sum;
    }

    /** ns per body with every label set decoded into a reused builder. */
    @Benchmark
    public int withLabels() throws ExpositionException {
        parser.reset(body, 0, body.length);
        int n = 0;
        TextParser.Entry e;
        while ((e = parser.next()) != TextParser.Entry.EOF) {
            if (e == TextParser.Entry.SERIES) {
                parser.labels(builder);
                n += builder.size();
            }
        }
        return n;
    }
}
