package io.pharos.benchmarks;

import java.util.Random;

/**
 * A large node_exporter-like body in the Prometheus text format or OpenMetrics: CPU counters by
 * cpu and mode, filesystem gauges by device, fstype and mountpoint, network counters by device,
 * and a request-duration histogram by handler and code, with HELP and TYPE for every family.
 * Deterministic for a given size.
 */
public final class ExpositionBody {
    private static final String[] MODES = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
    private static final String[] LE = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};

    private ExpositionBody() {
    }

    /** About {@code samples} samples (whole families), OpenMetrics if {@code openMetrics}. */
    public static String generate(int samples, boolean openMetrics) {
        Random r = new Random(42);
        StringBuilder sb = new StringBuilder(samples * 110);
        int written = 0;
        for (int f = 0; written < samples; f++) {
            switch (f % 4) {
                case 0 -> {
                    String name = "node_cpu_seconds" + (f == 0 ? "" : "_" + f);
                    family(sb, name, "Seconds the CPUs spent in each mode.", "counter");
                    for (int cpu = 0; cpu < 32; cpu++) {
                        for (String mode : MODES) {
                            sb.append(name).append(openMetrics ? "_total" : "").append("{cpu=\"").append(cpu)
                                    .append("\",mode=\"").append(mode).append("\"} ")
                                    .append(Math.round(r.nextDouble() * 1e8) / 100.0).append('\n');
                            written++;
                        }
                    }
                }
                case 1 -> {
                    String name = "node_filesystem_avail_bytes_" + f;
                    family(sb, name, "Filesystem space available to non-root users in bytes.", "gauge");
                    for (int d = 0; d < 64; d++) {
                        sb.append(name).append("{device=\"/dev/mapper/vg0-lv").append(d)
                                .append("\",fstype=\"ext4\",mountpoint=\"/var/lib/data/volume-").append(d)
                                .append("\"} ").append((double) (r.nextLong() >>> 20)).append('\n');
                        written++;
                    }
                }
                case 2 -> {
                    String name = "node_network_receive_bytes_" + f;
                    family(sb, name, "Network device statistic receive_bytes.", "counter");
                    for (int d = 0; d < 48; d++) {
                        sb.append(name).append(openMetrics ? "_total" : "").append("{device=\"veth")
                                .append(Integer.toHexString(0x5a3f00 + d)).append("\"} ")
                                .append(r.nextInt(Integer.MAX_VALUE)).append("e+03\n");
                        written++;
                    }
                }
                default -> {
                    String name = "http_request_duration_seconds_" + f;
                    family(sb, name, "A histogram of request latencies.", "histogram");
                    for (int h = 0; h < 8; h++) {
                        String labels = "handler=\"/api/v1/query_range" + h + "\",code=\"200\"";
                        long count = 0;
                        for (String le : LE) {
                            count += r.nextInt(1000);
                            sb.append(name).append("_bucket{").append(labels).append(",le=\"").append(le)
                                    .append("\"} ").append(count).append('\n');
                        }
                        sb.append(name).append("_sum{").append(labels).append("} ")
                                .append(r.nextDouble() * 1e4).append('\n');
                        sb.append(name).append("_count{").append(labels).append("} ").append(count).append('\n');
                        written += LE.length + 2;
                    }
                }
            }
        }
        if (openMetrics) {
            sb.append("# EOF\n");
        }
        return sb.toString();
    }

    private static void family(StringBuilder sb, String name, String help, String type) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
