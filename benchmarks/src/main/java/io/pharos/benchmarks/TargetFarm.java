package io.pharos.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A synthetic scrape target farm for the scrape benchmark: {@code --targets} HTTP endpoints on
 * consecutive loopback ports from {@code --base-port}, each exposing {@code --series} samples in
 * the Prometheus text format, shaped like node_exporter (families with HELP/TYPE, cpu/mode and
 * device labels). Counters grow by a per-series step on every scrape of that target, gauges
 * wander, so scrapers store realistic (not constant) values. Runs until killed.
 */
public final class TargetFarm {
    private static final String[] MODES = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
    private static final byte[] CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8".getBytes(StandardCharsets.US_ASCII);

    /** One exposed series: its line up to the value, and how its value moves. */
    private record Series(byte[] prefix, boolean counter, double base, double step) {
    }

    private final List<Series> series;
    private final byte[][] headers;
    private final AtomicLongArray scrapes;

    private TargetFarm(int targets, int seriesPerTarget) {
        this.series = new ArrayList<>(seriesPerTarget);
        this.headers = new byte[seriesPerTarget][];
        this.scrapes = new AtomicLongArray(targets);
        java.util.Random random = new java.util.Random(7);
        int family = 0;
        while (series.size() < seriesPerTarget) {
            boolean counter = family % 3 != 2;
            String name = counter ? "farm_cpu_seconds_total_" + family : "farm_memory_bytes_" + family;
            headers[series.size()] = ("# HELP " + name + (counter ? " Seconds the CPUs spent in each mode.\n"
                    : " Memory information field.\n") + "# TYPE " + name + (counter ? " counter\n" : " gauge\n"))
                    .getBytes(StandardCharsets.US_ASCII);
            for (int cpu = 0; cpu < 8 && series.size() < seriesPerTarget; cpu++) {
                for (int m = 0; m < MODES.length && series.size() < seriesPerTarget; m++) {
                    String line = name + "{cpu=\"" + cpu + "\",mode=\"" + MODES[m] + "\"} ";
                    double base = Math.round(random.nextDouble() * 1e7) / 100.0;
                    double step = counter ? Math.round(random.nextDouble() * 1500) / 100.0 : 0;
                    series.add(new Series(line.getBytes(StandardCharsets.US_ASCII), counter, base, step));
                }
            }
            family++;
        }
    }

    /** The body of the {@code n}-th scrape of target {@code target}. */
    private byte[] body(int target, long n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(series.size() * 48);
        for (int i = 0; i < series.size(); i++) {
            if (headers[i] != null) {
                out.writeBytes(headers[i]);
            }
            Series s = series.get(i);
            out.writeBytes(s.prefix());
            double v = s.counter() ? s.base() + target + n * s.step()
                    : s.base() * (1 + 0.05 * Math.sin((n + i + target) / 10.0));
            out.writeBytes(Double.toString(Math.round(v * 100) / 100.0).getBytes(StandardCharsets.US_ASCII));
            out.write('\n');
        }
        return out.toByteArray();
    }

    private void handle(int target, HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = body(target, scrapes.getAndIncrement(target));
            exchange.getResponseHeaders().add("Content-Type", new String(CONTENT_TYPE, StandardCharsets.US_ASCII));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int targets = 1000;
        int seriesPerTarget = 1000;
        int basePort = 20000;
        for (String a : args) {
            String value = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("--targets=")) {
                targets = Integer.parseInt(value);
            } else if (a.startsWith("--series=")) {
                seriesPerTarget = Integer.parseInt(value);
            } else if (a.startsWith("--base-port=")) {
                basePort = Integer.parseInt(value);
            } else {
                throw new IllegalArgumentException("unknown argument " + a
                        + " (known: --targets=N --series=N --base-port=P)");
            }
        }
        TargetFarm farm = new TargetFarm(targets, seriesPerTarget);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        for (int t = 0; t < targets; t++) {
            int target = t;
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", basePort + t), 64);
            server.createContext("/metrics", exchange -> farm.handle(target, exchange));
            server.setExecutor(workers);
            server.start();
        }
        System.out.println("farm ready: " + targets + " targets x " + seriesPerTarget + " series on 127.0.0.1:"
                + basePort + "-" + (basePort + targets - 1));
        Thread.currentThread().join();
    }
}
