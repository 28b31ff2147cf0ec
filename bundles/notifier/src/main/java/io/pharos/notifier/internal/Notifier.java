package io.pharos.notifier.internal;

import io.pharos.config.PrometheusConfig;
import io.pharos.httpclient.ConfiguredClient;
import io.pharos.httpclient.HttpClients;
import io.pharos.notifier.internal.AlertingConfig.AlertmanagerConfig;
import io.pharos.relabel.RelabelConfig;
import io.pharos.relabel.Relabeler;
import io.pharos.spi.alerting.Alert;
import io.pharos.spi.discovery.DiscoveryProvider;
import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.PluginConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus' notifier: alerts get the external labels and {@code alert_relabel_configs} when
 * queued, then one thread takes batches of at most {@value #MAX_BATCH} and posts each to every
 * Alertmanager of every set at once, waiting for all before the next batch. A batch no
 * Alertmanager accepted counts as dropped, as do alerts pushed out of a full queue.
 */
final class Notifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    static final int DEFAULT_CAPACITY = 10_000;
    static final int MAX_BATCH = 256;

    /** What a configuration puts in effect. */
    private record State(AlertingConfig config, Path configDir, Labels externalLabels, List<AlertmanagerSet> sets) {
    }

    private final AlertQueue queue;
    private final NotifierMetrics metrics = new NotifierMetrics();
    private final HttpClients clients;
    private final String userAgent;
    private final Function<String, DiscoveryProvider> providers;
    private final Object applyLock = new Object();
    private volatile State state = new State(AlertingConfig.EMPTY, null, Labels.EMPTY, List.of());
    private Thread thread;

    /**
     * @param providers the discovery provider of an SD type, or null
     */
    Notifier(int capacity, String userAgent, Function<String, DiscoveryProvider> providers) {
        this.queue = new AlertQueue(capacity);
        this.userAgent = userAgent;
        this.providers = providers;
        this.clients = new HttpClients(null);
    }

    /** Starts the sending thread. */
    synchronized void start() {
        thread = new Thread(this::run, "pharos-notifier");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Puts a configuration in effect; an invalid {@code alerting} section keeps the current one.
     *
     * @throws PluginConfigException naming the invalid field
     */
    void apply(PrometheusConfig cfg, Path configDir) throws PluginConfigException {
        AlertingConfig alerting = AlertingConfig.parse(cfg.alerting(), configDir);
        Labels external = Labels.of(cfg.global().externalLabels());
        synchronized (applyLock) {
            State old = state;
            if (old.config().equals(alerting) && old.externalLabels().equals(external)
                    && java.util.Objects.equals(old.configDir(), configDir)) {
                return;
            }
            install(alerting, configDir, external, old);
        }
    }

    /** Restarts discovery, e.g. after a discovery provider came or went. */
    void rediscover() {
        synchronized (applyLock) {
            State old = state;
            install(old.config(), old.configDir(), old.externalLabels(), old);
        }
    }

    private void install(AlertingConfig alerting, Path configDir, Labels external, State old) {
        List<AlertmanagerSet> sets = new ArrayList<>();
        List<ConfiguredClient> inUse = new ArrayList<>();
        List<AlertmanagerConfig> ams = alerting.alertmanagers();
        for (int i = 0; i < ams.size(); i++) {
            ConfiguredClient client;
            try {
                client = clients.client(ams.get(i).http(), false);
            } catch (IllegalArgumentException e) {
                LOG.error("alerting.alertmanagers[{}]: {}; its Alertmanagers get no alerts", i, e.getMessage());
                continue;
            }
            inUse.add(client);
            sets.add(new AlertmanagerSet("config-" + i, ams.get(i), client, this::discovered));
        }
        state = new State(alerting, configDir, external, List.copyOf(sets));
        for (AlertmanagerSet s : sets) {
            s.startDiscovery(providers, configDir);
        }
        old.sets().forEach(AlertmanagerSet::close);
        clients.retainOnly(inUse);
        discovered();
    }

    private void discovered() {
        metrics.retain(active());
    }

    /** Queues alerts after external labels and alert relabeling. */
    void send(List<Alert> alerts) {
        State s = state;
        List<Alert> relabeled = relabel(alerts, s.externalLabels(), s.config().alertRelabelConfigs());
        int dropped = queue.offer(relabeled);
        if (dropped > 0) {
            metrics.dropped.add(dropped);
            LOG.warn("alert notification queue full, dropped {} alerts", dropped);
        }
    }

    /**
     * Adds the external labels an alert lacks, then relabels; alerts relabeling drops are left
     * out. Alerts are records: each changed one is a copy.
     */
    static List<Alert> relabel(List<Alert> alerts, Labels external, List<RelabelConfig> configs) {
        if (external.isEmpty() && configs.isEmpty()) {
            return alerts;
        }
        List<Alert> out = new ArrayList<>(alerts.size());
        for (Alert a : alerts) {
            Labels.Builder b = a.labels().toBuilder();
            external.forEach((k, v) -> {
                if (a.labels().getOrEmpty(k).isEmpty()) {
                    b.set(k, v);
                }
            });
            if (Relabeler.process(b, configs)) {
                out.add(new Alert(b.build(), a.annotations(), a.startsAt(), a.endsAt(), a.generatorURL(),
                        a.fingerprint()));
            }
        }
        return out;
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                queue.awaitAlerts();
                drain();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends batches until the queue is empty. */
    void drain() {
        for (List<Alert> batch = queue.nextBatch(MAX_BATCH); !batch.isEmpty(); batch = queue.nextBatch(MAX_BATCH)) {
            if (!sendAll(batch)) {
                metrics.dropped.add(batch.size());
            }
        }
    }

    /** Posts the batch to every Alertmanager at once; true when at least one accepted it. */
    boolean sendAll(List<Alert> batch) {
        long begin = System.nanoTime();
        List<CompletableFuture<Boolean>> sends = new ArrayList<>();
        for (AlertmanagerSet set : state.sets()) {
            List<URI> urls = set.resolved().active();
            if (urls.isEmpty()) {
                continue;
            }
            List<Alert> alerts = relabel(batch, Labels.EMPTY, set.config().alertRelabelConfigs());
            if (alerts.isEmpty()) {
                continue;
            }
            byte[] body = AlertJson.encode(alerts);
            for (URI url : urls) {
                sends.add(sendOne(set, url, body, alerts.size(), begin));
            }
        }
        boolean any = false;
        for (CompletableFuture<Boolean> f : sends) {
            any |= f.join();
        }
        return any;
    }

    private CompletableFuture<Boolean> sendOne(AlertmanagerSet set, URI url, byte[] body, int count, long begin) {
        NotifierMetrics.PerAlertmanager m = metrics.of(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(set.config().timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        CompletableFuture<Integer> status;
        try {
            set.client().decorator().decorate(request, url);
            status = set.client().http().sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode);
        } catch (IOException | RuntimeException e) {
            status = CompletableFuture.failedFuture(e);
        }
        return status.handle((code, error) -> {
            boolean ok = error == null && code / 100 == 2;
            if (!ok) {
                String why = error != null ? describe(error) : "bad response status " + code;
                LOG.error("error sending {} alerts to Alertmanager {}: {}", count, url, why);
                m.errors.add(count);
            }
            m.latencySum.add((System.nanoTime() - begin) / 1e9);
            m.latencyCount.increment();
            m.sent.add(count);
            return ok;
        });
    }

    private static String describe(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof java.net.http.HttpTimeoutException) {
            return "context deadline exceeded";
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    /** Active push URLs of every set, in configuration order. */
    List<URI> active() {
        List<URI> out = new ArrayList<>();
        for (AlertmanagerSet s : state.sets()) {
            out.addAll(s.resolved().active());
        }
        return out;
    }

    List<URI> dropped() {
        List<URI> out = new ArrayList<>();
        for (AlertmanagerSet s : state.sets()) {
            out.addAll(s.resolved().dropped());
        }
        return out;
    }

    int queueLength() {
        return queue.size();
    }

    long droppedTotal() {
        return metrics.dropped.sum();
    }

    /** The counters of one Alertmanager: sent, errors. */
    long[] counters(URI url) {
        NotifierMetrics.PerAlertmanager m = metrics.of(url);
        return new long[] {m.sent.sum(), m.errors.sum()};
    }

    void collect(MetricWriter out) throws IOException {
        metrics.write(out, queue.size(), queue.capacity(), active().size());
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
            thread = null;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (applyLock) {
            state.sets().forEach(AlertmanagerSet::close);
            state = new State(AlertingConfig.EMPTY, null, Labels.EMPTY, List.of());
        }
    }

    /** For tests: the sets in effect by name. */
    Map<String, AlertmanagerSet> sets() {
        Map<String, AlertmanagerSet> out = new java.util.LinkedHashMap<>();
        state.sets().forEach(s -> out.put(s.name(), s));
        return out;
    }
}
