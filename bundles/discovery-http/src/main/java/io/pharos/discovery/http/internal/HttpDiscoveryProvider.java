package io.pharos.discovery.http.internal;

import io.pharos.httpclient.ConfiguredClient;
import io.pharos.httpclient.HttpClients;
import io.pharos.httpclient.RequestDecorator;
import io.pharos.spi.discovery.Discoverer;
import io.pharos.spi.discovery.DiscoveryContext;
import io.pharos.spi.discovery.DiscoveryProvider;
import io.pharos.spi.exporter.Exporter;
import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.MetricType;
import io.pharos.spi.model.PluginConfigException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code http_sd_configs}: target groups from HTTP endpoints. Also an {@link Exporter} of
 * {@code prometheus_sd_http_failures_total} on the server's own {@code /metrics}.
 */
@Component(service = {DiscoveryProvider.class, Exporter.class})
public final class HttpDiscoveryProvider implements DiscoveryProvider, Exporter {
    private static final String FAILURES = "prometheus_sd_http_failures_total";

    private final LongAdder failures = new LongAdder();
    private String userAgent = "Pharos";

    @Activate
    void activate(BundleContext context) {
        userAgent = "Pharos/" + context.getBundle().getVersion();
    }

    @Override
    public String type() {
        return "http";
    }

    /**
     * Each entry gets a client of its own, as in Prometheus: entries rarely share settings, and a
     * discoverer lives until the next reload.
     */
    @Override
    public Discoverer create(Map<String, Object> config, DiscoveryContext context) throws PluginConfigException {
        HttpSdConfig sd = HttpSdConfig.parse(config, context.configDirectory());
        ConfiguredClient client;
        try {
            client = new ConfiguredClient(HttpClients.build(sd.http(), null), new RequestDecorator(sd.http(), false));
        } catch (IllegalArgumentException e) {
            // unreadable or unusable TLS material
            throw new PluginConfigException(e.getMessage(), e);
        }
        return new HttpDiscoverer(sd, context, client, userAgent, failures);
    }

    @Override
    public String name() {
        return SELF;
    }

    @Override
    public void collect(MetricWriter out) throws IOException {
        out.family(FAILURES, MetricType.COUNTER, "Number of HTTP service discovery refresh failures.");
        out.sample(FAILURES, failures.sum());
    }
}
