package io.pharos.remotewrite.internal;

import com.google.protobuf.CodedOutputStream;
import io.pharos.spi.model.Labels;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.storage.Storage;
import io.pharos.storage.memory.MemoryStorage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xerial.snappy.Snappy;

/**
 * The remote-write receiver on a request as Prometheus sends it: 2,000 node-exporter-like series
 * of one sample each (max_samples_per_send's default), snappy-compressed. Scores are samples per
 * second. In the package of the receiver (whose classes are bundle-private) to reach them.
 *
 * <ul>
 * <li>{@code decode}: snappy + protobuf + series lookup, series known from earlier requests;</li>
 * <li>{@code decodeColdCache}: the same with every series new (a sender's first request);</li>
 * <li>{@code receiveIntoSink}: the whole receiver path without HTTP (body read, decode, append
 *     through the Appender interface, commit) into an appender that only counts;</li>
 * <li>{@code receiveIntoMemory}: the same into the in-memory backend, each request 15 s after the last.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class RemoteWriteBenchmark {
    private static final String[] MODES = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
    private static final int SERIES = 2000;
    private static final long T0 = 1_700_000_000_000L;

    final int series = SERIES;

    byte[] body;
    SeriesCache cache;
    WriteRequestDecoder decoder;
    RemoteWriteReceiver sink;
    RemoteWriteReceiver memory;
    MemoryStorage memoryBackend;
    long appended;

    /** A prometheus.WriteRequest of {@code series} series, one sample each at {@code t}, compressed. */
    static byte[] request(int series, long t) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream(series * 200);
        CodedOutputStream r = CodedOutputStream.newInstance(request);
        for (int i = 0; i < series; i++) {
            ByteArrayOutputStream ts = new ByteArrayOutputStream(256);
            CodedOutputStream s = CodedOutputStream.newInstance(ts);
            label(s, "__name__", "node_cpu_seconds_total");
            label(s, "cpu", Integer.toString(i / MODES.length % 64));
            label(s, "instance", "node-" + (i / 512) + ".example.org:9100");
            label(s, "job", "node");
            label(s, "mode", MODES[i % MODES.length]);
            label(s, "shard", Integer.toString(i / 512));
            ByteArrayOutputStream sample = new ByteArrayOutputStream(16);
            CodedOutputStream sm = CodedOutputStream.newInstance(sample);
            sm.writeDouble(1, 123456.78 + i + (t - T0) / 1000.0);
            sm.writeInt64(2, t);
            sm.flush();
            s.writeByteArray(2, sample.toByteArray());
            s.flush();
            r.writeByteArray(1, ts.toByteArray());
        }
        r.flush();
        return Snappy.compress(request.toByteArray());
    }

    private static void label(CodedOutputStream out, String name, String value) throws IOException {
        ByteArrayOutputStream l = new ByteArrayOutputStream(64);
        CodedOutputStream c = CodedOutputStream.newInstance(l);
        c.writeString(1, name);
        c.writeString(2, value);
        c.flush();
        out.writeByteArray(1, l.toByteArray());
    }

    /** Storage over one appender factory, always available. */
    private static Storage storage(java.util.function.Supplier<Appender> appenders) {
        return new Storage() {
            @Override
            public Appender appender() {
                return appenders.get();
            }

            @Override
            public Querier querier(long mint, long maxt) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean available() {
                return true;
            }

            @Override
            public String primaryName() {
                return "bench";
            }
        };
    }

    @Setup
    public void setup() throws IOException {
        body = request(series, T0);
        System.out.printf("%nrequest: %d series, %d bytes compressed (%.1f bytes/sample)%n", series, body.length,
                body.length / (double) series);
        cache = new SeriesCache(1_000_000);
        decoder = new WriteRequestDecoder(cache);
        RemoteWriteReceiver.Limits limits = new RemoteWriteReceiver.Limits(32 << 20, 256 << 20);
        Appender counting = new Appender() {
            @Override
            public long append(long ref, Labels labels, long ts, double v) {
                appended++;
                return ref != 0 ? ref : labels.hashCode() | 1L;
            }

            @Override
            public void commit() {
            }

            @Override
            public void rollback() {
            }
        };
        sink = new RemoteWriteReceiver(storage(() -> counting), cache, limits, new ReceiverMetrics(cache::size),
                () -> T0);
    }

    /** A fresh in-memory store per iteration, so that the samples of earlier iterations do not pile up. */
    @Setup(Level.Iteration)
    public void freshMemory() {
        memoryBackend = new MemoryStorage();
        SeriesCache memoryCache = new SeriesCache(1_000_000);
        // Requests run ahead of any clock here: no "too far in the future" check.
        memory = new RemoteWriteReceiver(storage(memoryBackend::appender), memoryCache,
                new RemoteWriteReceiver.Limits(32 << 20, 256 << 20), new ReceiverMetrics(memoryCache::size),
                () -> Long.MAX_VALUE / 2);
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public int decode() throws Exception {
        decoder.decompress(body, body.length, Long.MAX_VALUE);
        decoder.parseDecompressed();
        return decoder.sampleCount();
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public int decodeColdCache() throws Exception {
        cache.clear();
        decoder.decompress(body, body.length, Long.MAX_VALUE);
        decoder.parseDecompressed();
        return decoder.sampleCount();
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public int receiveIntoSink() {
        return sink.receive("application/x-protobuf", "snappy", body.length, new ByteArrayInputStream(body)).status();
    }

    /** Runs in this benchmark's thread before each request to the memory store (not measured). */
    @State(Scope.Thread)
    public static class NextRequest {
        byte[] body;
        long t = T0;

        @Setup(Level.Invocation)
        public void next() throws IOException {
            t += 15_000;
            body = request(SERIES, t);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public int receiveIntoMemory(NextRequest next) {
        RemoteWriteReceiver.Answer a = memory.receive("application/x-protobuf", "snappy", next.body.length,
                new ByteArrayInputStream(next.body));
        if (a.status() != 204) {
            throw new IllegalStateException(a.status() + " " + a.message());
        }
        return a.status();
    }
}
