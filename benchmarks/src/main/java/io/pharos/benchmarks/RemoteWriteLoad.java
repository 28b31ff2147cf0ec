package io.pharos.benchmarks;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicLong;
import org.xerial.snappy.Snappy;

/**
 * Sends synthetic node-exporter-like series to a remote-write endpoint (remote write 1.0:
 * snappy-compressed protobuf {@code WriteRequest}s), step by step through simulated time, the way
 * a Prometheus would forward its scrapes. The same seed gives the same series and values, so two
 * receivers can be fed identical data. Per-series order is kept (each series belongs to one
 * sender thread) and all threads finish a step before the next starts, so no receiver sees a
 * sample far behind the newest one.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.pharos.benchmarks.RemoteWriteLoad \
 *     --url=http://127.0.0.1:9090/api/v1/write --series=200000 --duration=2h --interval=15s
 * </pre>
 *
 * Each host has 200 series: 64 CPU-time counters (hundredths of a second; steal and irq stand
 * still), 24 disk and 32 network counters (whole numbers; errors and drops stand still), 20 file
 * system gauges (sizes constant), 40 memory gauges (moving by pages now and then) and 20 others
 * (load-like hundredths, or constant). Prints one line of figures at the end.
 */
public final class RemoteWriteLoad {
    private static final int SERIES_PER_HOST = 200;

    private final String url;
    private final int threads;
    private final int batch;
    private final long intervalMs;
    private final long startMs;
    private final int steps;
    private final byte[][] labels; // each series' encoded Label messages, as they sit in a TimeSeries
    private final double[] value;
    private final double[] rate;
    private final byte[] kind;
    private static final byte COUNTER_TICKS = 0; // grows in hundredths (CPU seconds)
    private static final byte COUNTER_INT = 1; // grows by whole numbers (bytes, packets, operations)
    private static final byte GAUGE_PAGES = 2; // memory: moves by pages now and then
    private static final byte GAUGE_HUNDREDTHS = 3; // load averages and the like
    private static final byte CONSTANT = 4; // sizes, boot time
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong bodyBytes = new AtomicLong();

    RemoteWriteLoad(String url, int series, long durationMs, long intervalMs, int batch, int threads, long seed,
            long endMs) {
        this.url = url;
        this.threads = threads;
        this.batch = batch;
        this.intervalMs = intervalMs;
        this.steps = (int) (durationMs / intervalMs);
        this.startMs = endMs - (long) steps * intervalMs;
        this.labels = new byte[series][];
        this.value = new double[series];
        this.rate = new double[series];
        this.kind = new byte[series];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < series; i++) {
            Map<String, String> l = seriesLabels(i / SERIES_PER_HOST, i % SERIES_PER_HOST);
            labels[i] = encodeLabels(l);
            String name = l.get("__name__");
            String mode = l.getOrDefault("mode", "");
            if (name.equals("node_cpu_seconds_total")) {
                // USER_HZ ticks: hundredths of a second; steal and irq mostly stand still.
                kind[i] = COUNTER_TICKS;
                value[i] = Math.round(rnd.nextDouble() * 1e8) / 100.0;
                rate[i] = mode.equals("steal") || mode.equals("irq") ? 0 : mode.equals("idle") ? 1400 : rnd.nextInt(200);
            } else if (name.endsWith("_total")) {
                kind[i] = COUNTER_INT;
                value[i] = Math.floor(rnd.nextDouble() * 1e9);
                rate[i] = name.contains("errs") || name.contains("drop") || name.contains("discards") ? 0
                        : name.contains("bytes") ? rnd.nextInt(1_000_000) : rnd.nextInt(1000);
            } else if (name.startsWith("node_filesystem_size") || name.startsWith("node_filesystem_files")
                    || name.startsWith("node_boot_time") || name.endsWith("_x")) {
                kind[i] = CONSTANT;
                value[i] = Math.floor(rnd.nextDouble() * 1e12);
            } else if (name.endsWith("_bytes")) {
                kind[i] = GAUGE_PAGES;
                value[i] = 4096 * Math.floor(rnd.nextDouble() * 4e6);
                rate[i] = 4096 * (1 + rnd.nextInt(256));
            } else {
                kind[i] = GAUGE_HUNDREDTHS;
                value[i] = Math.round(rnd.nextDouble() * 400) / 100.0;
                rate[i] = 0.05;
            }
        }
    }

    /** Labels of series {@code j} of host {@code h}, node-exporter style. */
    static Map<String, String> seriesLabels(int h, int j) {
        Map<String, String> l = new TreeMap<>();
        l.put("job", "node");
        l.put("instance", String.format("host-%05d:9100", h));
        String[] modes = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
        String[] devices = {"sda", "sdb", "nvme0n1", "dm-0"};
        String[] ifaces = {"eth0", "eth1", "lo", "docker0"};
        String[] mounts = {"/", "/boot", "/var", "/home"};
        if (j < 64) {
            l.put("__name__", "node_cpu_seconds_total");
            l.put("cpu", Integer.toString(j / 8));
            l.put("mode", modes[j % 8]);
        } else if (j < 88) {
            String[] m = {"reads_completed", "writes_completed", "read_bytes", "written_bytes", "io_time_seconds",
                "discards_completed"};
            l.put("__name__", "node_disk_" + m[(j - 64) / 4] + "_total");
            l.put("device", devices[(j - 64) % 4]);
        } else if (j < 120) {
            String[] m = {"receive_bytes", "transmit_bytes", "receive_packets", "transmit_packets", "receive_errs",
                "transmit_errs", "receive_drop", "transmit_drop"};
            l.put("__name__", "node_network_" + m[(j - 88) / 4] + "_total");
            l.put("device", ifaces[(j - 88) % 4]);
        } else if (j < 140) {
            String[] m = {"size_bytes", "free_bytes", "avail_bytes", "files", "files_free"};
            l.put("__name__", "node_filesystem_" + m[(j - 120) / 4]);
            l.put("mountpoint", mounts[(j - 120) % 4]);
            l.put("fstype", "ext4");
            l.put("device", "/dev/" + devices[(j - 120) % 4]);
        } else if (j < 180) {
            l.put("__name__", "node_memory_m" + (j - 140) + "_bytes");
        } else {
            String[] m = {"node_load1", "node_load5", "node_load15", "node_procs_running", "node_procs_blocked",
                "node_entropy_available_bits", "node_context_switches", "node_intr", "node_forks", "node_boot_time"};
            l.put("__name__", m[(j - 180) % 10] + ((j - 180) < 10 ? "" : "_x"));
        }
        return l;
    }

    /** The Label messages of a TimeSeries (field 1), sorted by name as remote write requires. */
    static byte[] encodeLabels(Map<String, String> sorted) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                byte[] n = e.getKey().getBytes(StandardCharsets.UTF_8);
                byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
                int size = CodedOutputStream.computeByteArraySize(1, n) + CodedOutputStream.computeByteArraySize(2, v);
                out.writeTag(1, 2);
                out.writeUInt32NoTag(size);
                out.writeByteArray(1, n);
                out.writeByteArray(2, v);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next value of series {@code i}, as node_exporter's would move in one interval. */
    private void next(int i, SplittableRandom rnd) {
        switch (kind[i]) {
            case COUNTER_TICKS -> value[i] = Math.round(value[i] * 100 + rnd.nextDouble() * 2 * rate[i]) / 100.0;
            case COUNTER_INT -> value[i] += Math.floor(rnd.nextDouble() * 2 * rate[i]);
            case GAUGE_PAGES -> {
                if (rnd.nextInt(4) == 0) {
                    value[i] = Math.max(0, value[i] + (rnd.nextInt(3) - 1) * rate[i]);
                }
            }
            case GAUGE_HUNDREDTHS -> value[i] = Math.max(0, Math.round((value[i] + (rnd.nextDouble() - 0.5) * rate[i])
                    * 100) / 100.0);
            default -> {
                // constant
            }
        }
    }

    /** Runs every step; returns the wall time in ms. */
    long run() throws InterruptedException {
        Phaser stepDone = new Phaser(threads);
        List<Thread> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            Thread t = new Thread(() -> work(worker, stepDone), "remote-write-" + w);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private void work(int worker, Phaser stepDone) {
        int n = labels.length;
        int from = (int) ((long) n * worker / threads);
        int to = (int) ((long) n * (worker + 1) / threads);
        SplittableRandom rnd = new SplittableRandom(worker * 7919L + 17);
        byte[] raw = new byte[1 << 20];
        for (int step = 0; step < steps; step++) {
            long ts = startMs + (long) step * intervalMs;
            for (int b = from; b < to; b += batch) {
                int end = Math.min(to, b + batch);
                int size = 0;
                for (int i = b; i < end; i++) {
                    next(i, rnd);
                    int sample = 9 + 1 + CodedOutputStream.computeInt64SizeNoTag(ts);
                    int series = labels[i].length + 1 + CodedOutputStream.computeUInt32SizeNoTag(sample) + sample;
                    size += 1 + CodedOutputStream.computeUInt32SizeNoTag(series) + series;
                }
                if (raw.length < size) {
                    raw = new byte[size * 2];
                }
                try {
                    CodedOutputStream out = CodedOutputStream.newInstance(raw, 0, size);
                    for (int i = b; i < end; i++) {
                        int sample = 9 + 1 + CodedOutputStream.computeInt64SizeNoTag(ts);
                        int series = labels[i].length + 1 + CodedOutputStream.computeUInt32SizeNoTag(sample) + sample;
                        out.writeTag(1, 2);
                        out.writeUInt32NoTag(series);
                        out.writeRawBytes(labels[i]);
                        out.writeTag(2, 2);
                        out.writeUInt32NoTag(sample);
                        out.writeDouble(1, value[i]);
                        out.writeInt64(2, ts);
                    }
                    out.checkNoSpaceLeft();
                    byte[] body = Snappy.compress(Arrays.copyOf(raw, size));
                    send(body);
                    samples.addAndGet(end - b);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            stepDone.arriveAndAwaitAdvance();
        }
    }

    private void send(byte[] body) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(60))
                .build();
        long backoff = 50;
        while (true) {
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                requests.incrementAndGet();
                bodyBytes.addAndGet(body.length);
                int code = r.statusCode();
                if (code / 100 == 2) {
                    return;
                }
                if (code / 100 == 4 && code != 429) {
                    if (rejected.incrementAndGet() <= 3) {
                        System.err.println("rejected (" + code + "): " + r.body().strip());
                    }
                    return;
                }
            } catch (IOException e) {
                // connection refused while a receiver restarts: retry like a sender does
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            retries.incrementAndGet();
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            backoff = Math.min(backoff * 2, 5000);
        }
    }

    private static String arg(String[] args, String name, String dflt) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return dflt;
    }

    static long millis(String d) {
        long unit = switch (d.charAt(d.length() - 1)) {
            case 's' -> 1000L;
            case 'm' -> 60_000L;
            case 'h' -> 3_600_000L;
            default -> throw new IllegalArgumentException("duration needs s, m or h: " + d);
        };
        return Long.parseLong(d.substring(0, d.length() - 1)) * unit;
    }

    public static void main(String[] args) throws Exception {
        String url = arg(args, "url", "http://127.0.0.1:9090/api/v1/write");
        int series = Integer.parseInt(arg(args, "series", "200000"));
        long duration = millis(arg(args, "duration", "2h"));
        long interval = millis(arg(args, "interval", "15s"));
        int batch = Integer.parseInt(arg(args, "batch", "2000"));
        int threads = Integer.parseInt(arg(args, "threads", "2"));
        long seed = Long.parseLong(arg(args, "seed", "42"));
        String endArg = arg(args, "end", "now");
        long end = endArg.equals("now") ? System.currentTimeMillis() : Long.parseLong(endArg);
        end -= end % interval;
        RemoteWriteLoad load = new RemoteWriteLoad(url, series, duration, interval, batch, threads, seed, end);
        long wallMs = load.run();
        System.out.printf("samples=%d requests=%d retries=%d rejected=%d body_bytes=%d wall_ms=%d start_ms=%d end_ms=%d%n",
                load.samples.get(), load.requests.get(), load.retries.get(), load.rejected.get(),
                load.bodyBytes.get(), wallMs, load.startMs, end);
    }
}
