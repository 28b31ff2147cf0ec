package io.pharos.remotewrite.internal;

import io.pharos.spi.exporter.Exporter;
import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.MetricType;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** The receiver's counters on {@code /metrics}; Prometheus' name where Prometheus has one. */
final class ReceiverMetrics implements Exporter {
    private final LongAdder invalidLabelSamples = new LongAdder();
    private final LongAdder appended = new LongAdder();
    private final LongAdder histograms = new LongAdder();
    private final LongAdder exemplars = new LongAdder();
    private final IntSupplier cachedSeries;

    ReceiverMetrics(IntSupplier cachedSeries) {
        this.cachedSeries = cachedSeries;
    }

    void invalidLabelSamples(int n) {
        invalidLabelSamples.add(n);
    }

    void appended(int n) {
        appended.add(n);
    }

    void skipped(int histogramCount, int exemplarCount) {
        if (histogramCount > 0) {
            histograms.add(histogramCount);
        }
        if (exemplarCount > 0) {
            exemplars.add(exemplarCount);
        }
    }

    long appendedTotal() {
        return appended.sum();
    }

    long invalidLabelSamplesTotal() {
        return invalidLabelSamples.sum();
    }

    @Override
    public String name() {
        return SELF;
    }

    @Override
    public void collect(MetricWriter out) throws IOException {
        write(out, "prometheus_api_remote_write_invalid_labels_samples_total", MetricType.COUNTER,
                "The total number of received remote write samples and histogram samples which were rejected due to invalid labels.",
                invalidLabelSamples.sum());
        write(out, "pharos_remote_write_samples_appended_total", MetricType.COUNTER,
                "Samples received by remote write and committed to storage.", appended.sum());
        write(out, "pharos_remote_write_histograms_dropped_total", MetricType.COUNTER,
                "Native histogram samples received by remote write and dropped: not supported yet.", histograms.sum());
        write(out, "pharos_remote_write_exemplars_dropped_total", MetricType.COUNTER,
                "Exemplars received by remote write and dropped: not supported yet.", exemplars.sum());
        write(out, "pharos_remote_write_series_cache_series", MetricType.GAUGE,
                "Series whose decoded labels the remote-write receiver keeps for the next requests.",
                cachedSeries.getAsInt());
    }

    private static void write(MetricWriter out, String name, MetricType type, String help, double value)
            throws IOException {
        out.family(name, type, help);
        out.sample(name, value);
    }
}
