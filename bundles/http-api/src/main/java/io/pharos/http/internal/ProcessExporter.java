package io.pharos.http.internal;

import io.pharos.spi.exporter.Exporter;
import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The platform's process metrics under the names every Prometheus client library uses
 * ({@code process_*}), plus {@code pharos_build_info} and JVM heap figures.
 */
@Component(service = Exporter.class)
public final class ProcessExporter implements Exporter {
    private final long startTimeMs = ManagementFactory.getRuntimeMXBean().getStartTime();
    private String version = "unknown";
    private String revision = "unknown";

    @Activate
    void activate(BundleContext context) {
        version = String.valueOf(context.getBundle().getVersion());
        String rev = context.getBundle().getHeaders().get("Pharos-Revision");
        revision = rev == null || rev.isBlank() ? "unknown" : rev;
    }

    @Override
    public String name() {
        return SELF;
    }

    @Override
    public void collect(MetricWriter out) throws IOException {
        out.family("pharos_build_info", MetricType.GAUGE,
                "A metric with a constant '1' value labeled by version, revision and Java version.");
        out.sample("pharos_build_info", Labels.of("version", version, "revision", revision,
                "javaversion", System.getProperty("java.version")), 1);

        // Read through JMX attributes: com.sun.management is not visible to every OSGi framework.
        Number cpu = osAttribute("ProcessCpuTime");
        if (cpu != null) {
            out.family("process_cpu_seconds_total", MetricType.COUNTER, "Total user and system CPU time spent in seconds.");
            out.sample("process_cpu_seconds_total", cpu.longValue() / 1e9);
        }
        Number openFds = osAttribute("OpenFileDescriptorCount");
        Number maxFds = osAttribute("MaxFileDescriptorCount");
        if (openFds != null && maxFds != null) {
            out.family("process_open_fds", MetricType.GAUGE, "Number of open file descriptors.");
            out.sample("process_open_fds", openFds.doubleValue());
            out.family("process_max_fds", MetricType.GAUGE, "Maximum number of open file descriptors.");
            out.sample("process_max_fds", maxFds.doubleValue());
        }
        long[] mem = procStatus();
        if (mem != null) {
            out.family("process_virtual_memory_bytes", MetricType.GAUGE, "Virtual memory size in bytes.");
            out.sample("process_virtual_memory_bytes", mem[0]);
            out.family("process_resident_memory_bytes", MetricType.GAUGE, "Resident memory size in bytes.");
            out.sample("process_resident_memory_bytes", mem[1]);
        }
        out.family("process_start_time_seconds", MetricType.GAUGE, "Start time of the process since unix epoch in seconds.");
        out.sample("process_start_time_seconds", startTimeMs / 1000.0);

        MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
        out.family("jvm_memory_used_bytes", MetricType.GAUGE, "Used bytes of a given JVM memory area.");
        out.sample("jvm_memory_used_bytes", Labels.of("area", "heap"), heap.getHeapMemoryUsage().getUsed());
        out.sample("jvm_memory_used_bytes", Labels.of("area", "nonheap"), heap.getNonHeapMemoryUsage().getUsed());
        out.family("jvm_threads_current", MetricType.GAUGE, "Current thread count of a JVM.");
        out.sample("jvm_threads_current", ManagementFactory.getThreadMXBean().getThreadCount());
    }

    private static Number osAttribute(String name) {
        try {
            Object v = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("java.lang:type=OperatingSystem"), name);
            return v instanceof Number n && n.longValue() >= 0 ? n : null;
        } catch (JMException | RuntimeException e) {
            return null;
        }
    }

    /** Virtual and resident size in bytes from /proc/self/status, or null off Linux. */
    private static long[] procStatus() {
        try {
            long vm = -1;
            long rss = -1;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmSize:")) {
                    vm = kib(line);
                } else if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                }
            }
            return vm < 0 || rss < 0 ? null : new long[] {vm, rss};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long kib(String line) {
        String[] f = line.trim().split("\\s+");
        return Long.parseLong(f[1]) * 1024;
    }
}
