package io.pharos.scrape.internal;

import io.pharos.spi.exporter.Exporter;
import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** Counters of the scrape manager, under Prometheus' metric names. */
final class ScrapeStats implements Exporter {
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder duplicate = new LongAdder();
    private final LongAdder otherRejected = new LongAdder();
    private final Supplier<Map<String, Integer>> targetsPerJob;

    ScrapeStats(Supplier<Map<String, Integer>> targetsPerJob) {
        this.targetsPerJob = targetsPerJob;
    }

    /** Counts a sample the storage refused, by the reason in its message. */
    void rejected(String message) {
        String m = message == null ? "" : message;
        if (m.contains("out of order")) {
            outOfOrder.increment();
        } else if (m.contains("duplicate")) {
            duplicate.increment();
        } else {
            otherRejected.increment();
        }
    }

    @Override
    public String name() {
        return SELF;
    }

    @Override
    public void collect(MetricWriter out) throws IOException {
        out.family("prometheus_target_scrapes_sample_out_of_order_total", MetricType.COUNTER,
                "Total number of samples rejected due to not being out of the expected order.");
        out.sample("prometheus_target_scrapes_sample_out_of_order_total", outOfOrder.sum());
        out.family("prometheus_target_scrapes_sample_duplicate_timestamp_total", MetricType.COUNTER,
                "Total number of samples rejected due to duplicate timestamps but different values.");
        out.sample("prometheus_target_scrapes_sample_duplicate_timestamp_total", duplicate.sum());
        out.family("pharos_target_scrapes_sample_rejected_other_total", MetricType.COUNTER,
                "Total number of samples the storage rejected for other reasons.");
        out.sample("pharos_target_scrapes_sample_rejected_other_total", otherRejected.sum());
        out.family("prometheus_sd_discovered_targets", MetricType.GAUGE,
                "Current number of discovered targets.");
        for (Map.Entry<String, Integer> e : targetsPerJob.get().entrySet()) {
            out.sample("prometheus_sd_discovered_targets", Labels.of("config", e.getKey(), "name", "scrape"),
                    e.getValue());
        }
    }
}
