package io.pharos.http.internal;

import io.pharos.spi.exporter.Exporter;
import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Request counters of the HTTP API, under Prometheus' metric names so its dashboards work. */
final class HttpMetrics implements Exporter {
    private record Key(String handler, int code) {
    }

    private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();

    void count(String handler, int code) {
        requests.computeIfAbsent(new Key(handler, code), k -> new LongAdder()).increment();
    }

    @Override
    public String name() {
        return SELF;
    }

    @Override
    public void collect(MetricWriter out) throws IOException {
        out.family("prometheus_http_requests_total", MetricType.COUNTER,
                "Counter of HTTP requests.");
        for (Map.Entry<Key, LongAdder> e : requests.entrySet()) {
            out.sample("prometheus_http_requests_total",
                    Labels.of("handler", e.getKey().handler(), "code", Integer.toString(e.getKey().code())),
                    e.getValue().sum());
        }
    }
}
