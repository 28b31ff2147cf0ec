package io.pharos.benchmarks;

import io.pharos.exposition.ExpositionException;
import io.pharos.exposition.ExpositionParser;
import io.pharos.exposition.OpenMetricsParser;
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
 * Both exposition parsers over the same large node_exporter-like body (~10k samples: CPU, filesystem,
 * network and histogram families with realistic label sets), through {@link ExpositionParser} as the
 * scrape loop reads them. {@code valuesOnly} is a scrape with a warm series cache (key and value per
 * sample), {@code withLabels} a cold one (every label set decoded). The score is microseconds per
 * body; the setup prints bytes and samples per body, so MB/s = bytes / score and samples/s =
 * samples / score.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ExpositionParserBenchmark -wi 2 -w 2 -i 3 -r 2 -f 1</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExpositionParserBenchmark {
    @Param({"text", "openmetrics"})
    String format;

    @Param({"10000"})
    int samples;

    byte[] body;
    ExpositionParser parser;
    final Labels.Builder builder = new Labels.Builder();

    @Setup
    public void setup() throws ExpositionException {
        boolean om = format.equals("openmetrics");
        body = ExpositionBody.generate(samples, om).getBytes(StandardCharsets.UTF_8);
        parser = om ? new OpenMetricsParser(body, 0, body.length) : new TextParser(body, 0, body.length);
        int n = 0;
        for (ExpositionParser.Entry e = parser.next(); e != ExpositionParser.Entry.EOF; e = parser.next()) {
            n += e == ExpositionParser.Entry.SERIES ? 1 : 0;
        }
        System.out.printf("%n%s body: %d bytes, %d samples (%.1f bytes/sample)%n", format, body.length, n,
                body.length / (double) n);
    }

    /** Series key and value per sample, as a scrape with every series cached reads them. */
    @Benchmark
    public long valuesOnly() throws ExpositionException {
        parser.reset(body, 0, body.length);
        long acc = 0;
        ExpositionParser.Entry e;
        while ((e = parser.next()) != ExpositionParser.Entry.EOF) {
            if (e == ExpositionParser.Entry.SERIES) {
                acc += parser.seriesLength() + (long) parser.value();
            }
        }
        return acc;
    }

    /** Every label set decoded into a reused builder, as a scrape with a cold cache. */
    @Benchmark
    public int withLabels() throws ExpositionException {
        parser.reset(body, 0, body.length);
        int n = 0;
        ExpositionParser.Entry e;
        while ((e = parser.next()) != ExpositionParser.Entry.EOF) {
            if (e == ExpositionParser.Entry.SERIES) {
                parser.labels(builder);
                n += builder.size();
            }
        }
        return n;
    }
}
