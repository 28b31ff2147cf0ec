package io.pharos.benchmarks;

import java.util.Random;

/** Synthetic exposition bodies shaped like node_exporter's: families with HELP/TYPE, cpu/mode labels. */
public final class NodeExporterBody {
    private static final String[] MODES = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};

    private NodeExporterBody() {
    }

    /** A body with {@code series} samples, deterministic for a given count. */
    public static String generate(int series) {
        Random random = new Random(42);
        StringBuilder sb = new StringBuilder(series * 80);
        int written = 0;
        int family = 0;
        while (written < series) {
            String name = "node_cpu_seconds_total_" + family++;
            sb.append("# HELP ").append(name).append(" Seconds the CPUs spent in each mode.\n");
            sb.append("# TYPE ").append(name).append(" counter\n");
            for (int cpu = 0; cpu < 16 && written < series; cpu++) {
                for (String mode : MODES) {
                    if (written == series) {
                        break;
                    }
                    sb.append(name).append("{cpu=\"").append(cpu).append("\",mode=\"").append(mode).append("\"} ")
                            .append(Math.round(random.nextDouble() * 1e8) / 100.0).append('\n');
                    written++;
                }
            }
        }
        return sb.toString();
    }
}
