package io.pharos.benchmarks;

import io.pharos.promql.QueryResult;
import io.pharos.promql.functions.rate.internal.RateFunction;
import io.pharos.promql.internal.EngineSettings;
import io.pharos.promql.internal.QueryEngineComponent;
import io.pharos.spi.model.Labels;
import java.util.List;
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
 * A dashboard-style range query, {@code sum by (job) (rate(x[5m]))} over one hour at a 15 s step,
 * on synthetic counters scraped every 15 s. Samples processed per second = series x samples per
 * series in the queried range (printed at setup) / seconds per query.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class RangeQueryBenchmark {
    private static final long HOUR = 3_600_000L;
    private static final long SCRAPE = 15_000L;

    @Param({"10000"})
    int series;

    QueryEngineComponent engine;
    long start;
    long end;

    @Setup
    public void setup() {
        ArrayStorage storage = new ArrayStorage();
        start = HOUR;
        end = 2 * HOUR;
        long first = start - 5 * 60_000 - SCRAPE;
        int n = (int) ((end - first) / SCRAPE) + 1;
        for (int s = 0; s < series; s++) {
            long[] ts = new long[n];
            double[] vs = new double[n];
            double v = 0;
            for (int i = 0; i < n; i++) {
                ts[i] = first + i * SCRAPE;
                v += 1 + (s % 7);
                vs[i] = v;
            }
            storage.add(Labels.of("__name__", "x", "job", "job" + (s % 10), "instance", "host" + s + ":9100"), ts, vs);
        }
        engine = new QueryEngineComponent(storage, EngineSettings.DEFAULTS, List.of(new RateFunction()));
        System.out.printf("%n%d series x %d samples = %d samples in the queried range%n", series, n, (long) series * n);
    }

    @Benchmark
    public QueryResult sumByJobOfRate() {
        return engine.rangeQuery("sum by (job) (rate(x[5m]))", start, end, SCRAPE);
    }
}
