package io.pharos.notifier.internal;

import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prometheus' notifier metrics. Per-Alertmanager series exist while the Alertmanager is in use,
 * starting at zero. The latency summary has no quantiles (only {@code _sum} and {@code _count}).
 */
final class NotifierMetrics {
    static final String SENT = "prometheus_notifications_sent_total";
    static final String ERRORS = "prometheus_notifications_errors_total";
    static final String DROPPED = "prometheus_notifications_dropped_total";
    static final String LATENCY = "prometheus_notifications_latency_seconds";
    static final String QUEUE_LENGTH = "prometheus_notifications_queue_length";
    static final String QUEUE_CAPACITY = "prometheus_notifications_queue_capacity";
    static final String DISCOVERED = "prometheus_notifications_alertmanagers_discovered";

    /** The counters of one Alertmanager. */
    static final class PerAlertmanager {
        final LongAdder sent = new LongAdder();
        final LongAdder errors = new LongAdder();
        final DoubleAdder latencySum = new DoubleAdder();
        final LongAdder latencyCount = new LongAdder();
    }

    final LongAdder dropped = new LongAdder();
    private final Map<String, PerAlertmanager> byUrl = new ConcurrentHashMap<>();

    PerAlertmanager of(URI url) {
        return byUrl.computeIfAbsent(url.toString(), u -> new PerAlertmanager());
    }

    /** Keeps the series of these Alertmanagers only (and makes theirs). */
    void retain(Collection<URI> active) {
        java.util.Set<String> keep = new java.util.HashSet<>();
        for (URI u : active) {
            keep.add(u.toString());
            of(u);
        }
        byUrl.keySet().retainAll(keep);
    }

    void write(MetricWriter out, int queueLength, int queueCapacity, int discovered) throws IOException {
        Map<String, PerAlertmanager> snapshot = new java.util.TreeMap<>(byUrl);
        out.family(LATENCY, MetricType.SUMMARY, "Latency quantiles for sending alert notifications.");
        for (Map.Entry<String, PerAlertmanager> e : snapshot.entrySet()) {
            Labels l = Labels.of("alertmanager", e.getKey());
            out.sample(LATENCY + "_sum", l, e.getValue().latencySum.sum());
            out.sample(LATENCY + "_count", l, e.getValue().latencyCount.sum());
        }
        out.family(ERRORS, MetricType.COUNTER, "Total number of sent alerts affected by errors.");
        for (Map.Entry<String, PerAlertmanager> e : snapshot.entrySet()) {
            out.sample(ERRORS, Labels.of("alertmanager", e.getKey()), e.getValue().errors.sum());
        }
        out.family(SENT, MetricType.COUNTER, "Total number of alerts sent.");
        for (Map.Entry<String, PerAlertmanager> e : snapshot.entrySet()) {
            out.sample(SENT, Labels.of("alertmanager", e.getKey()), e.getValue().sent.sum());
        }
        out.family(DROPPED, MetricType.COUNTER,
                "Total number of alerts dropped due to errors when sending to Alertmanager.");
        out.sample(DROPPED, dropped.sum());
        out.family(QUEUE_LENGTH, MetricType.GAUGE, "The number of alert notifications in the queue.");
        out.sample(QUEUE_LENGTH, queueLength);
        out.family(QUEUE_CAPACITY, MetricType.GAUGE, "The capacity of the alert notifications queue.");
        out.sample(QUEUE_CAPACITY, queueCapacity);
        out.family(DISCOVERED, MetricType.GAUGE, "The number of alertmanagers discovered and active.");
        out.sample(DISCOVERED, discovered);
    }
}
