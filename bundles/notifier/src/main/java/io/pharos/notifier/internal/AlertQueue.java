package io.pharos.notifier.internal;

import io.pharos.spi.alerting.Alert;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The notifier's bounded queue: when alerts do not fit, the oldest go, as in Prometheus (of a
 * too-large batch only its newest {@code capacity} alerts are kept). Thread-safe.
 */
final class AlertQueue {
    private final int capacity;
    private final ArrayDeque<Alert> queue = new ArrayDeque<>();

    AlertQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    /** Appends the alerts, dropping the oldest that do not fit; returns how many were dropped. */
    synchronized int offer(List<Alert> alerts) {
        int dropped = 0;
        int from = 0;
        if (alerts.size() > capacity) {
            from = alerts.size() - capacity;
            dropped += from;
        }
        int overflow = queue.size() + (alerts.size() - from) - capacity;
        for (int i = 0; i < overflow; i++) {
            queue.pollFirst();
        }
        dropped += Math.max(0, overflow);
        for (int i = from; i < alerts.size(); i++) {
            queue.addLast(alerts.get(i));
        }
        if (!queue.isEmpty()) {
            notifyAll();
        }
        return dropped;
    }

    /** Removes and returns the oldest alerts, at most {@code max}; empty when the queue is. */
    synchronized List<Alert> nextBatch(int max) {
        int n = Math.min(max, queue.size());
        List<Alert> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(queue.pollFirst());
        }
        return batch;
    }

    /** Waits until an alert is queued (or the thread is interrupted). */
    synchronized void awaitAlerts() throws InterruptedException {
        while (queue.isEmpty()) {
            wait();
        }
    }

    synchronized int size() {
        return queue.size();
    }
}
