package io.pharos.storage.lmdb.internal;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MatchType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.roaringbitmap.RoaringBitmap;

/**
 * Selector resolution on the inverted index of 200,000 node-exporter-like series (1,000 hosts ×
 * 200 series: 50 metric names, 8 CPUs × 4 modes on the CPU metric, ...), in µs per selector.
 * Not run by the build; after {@code install}, from the repository root:
 *
 * <pre>
 * M2=~/.m2/repository
 * java -cp bundles/storage-lmdb/target/test-classes:bundles/storage-lmdb/target/classes:\
 * plugins-sdk/spi/target/classes:$M2/org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar:\
 * $M2/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar:\
 * $M2/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar org.openjdk.jmh.Main PostingsBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PostingsBenchmark {
    static final int HOSTS = 1000;
    private final PostingsIndex index = new PostingsIndex();
    private List<LabelMatcher> nameAndMode;
    private List<LabelMatcher> nameAndInstanceRegex;
    private List<LabelMatcher> nameAndNotEqual;
    private List<LabelMatcher> jobOnly;

    @Setup
    public void setup() {
        int id = 0;
        String[] modes = {"idle", "user", "system", "iowait"};
        for (int h = 0; h < HOSTS; h++) {
            String instance = "host-" + h + ":9100";
            for (int cpu = 0; cpu < 8; cpu++) {
                for (String mode : modes) {
                    index.add(id++, Labels.of("__name__", "node_cpu_seconds_total", "job", "node", "instance", instance,
                            "cpu", Integer.toString(cpu), "mode", mode));
                }
            }
            for (int m = 0; m < 49; m++) {
                for (int dev = 0; dev < (m < 8 ? 15 : 1); dev++) {
                    index.add(id++, Labels.of("__name__", "node_metric_" + m, "job", "node", "instance", instance,
                            "device", "dev" + dev));
                }
            }
        }
        nameAndMode = List.of(LabelMatcher.equal("__name__", "node_cpu_seconds_total"),
                LabelMatcher.equal("mode", "idle"));
        nameAndInstanceRegex = List.of(LabelMatcher.equal("__name__", "node_cpu_seconds_total"),
                LabelMatcher.of("instance", MatchType.REGEX, "host-1[0-9]:9100"));
        nameAndNotEqual = List.of(LabelMatcher.equal("__name__", "node_cpu_seconds_total"),
                LabelMatcher.of("mode", MatchType.NOT_EQUAL, "idle"));
        jobOnly = List.of(LabelMatcher.equal("job", "node"));
    }

    /** Two equality matchers: an intersection of 32,000 and 50,000 ids. */
    @Benchmark
    public RoaringBitmap nameAndMode() {
        return index.select(nameAndMode);
    }

    /** A regex over 1,000 instance values, intersected with the metric's postings. */
    @Benchmark
    public RoaringBitmap nameAndInstanceRegex() {
        return index.select(nameAndInstanceRegex);
    }

    /** A negative matcher subtracts from the metric's postings. */
    @Benchmark
    public RoaringBitmap nameAndNotEqual() {
        return index.select(nameAndNotEqual);
    }

    /** All 200,000 series of a job. */
    @Benchmark
    public RoaringBitmap jobOnly() {
        return index.select(jobOnly);
    }
}
