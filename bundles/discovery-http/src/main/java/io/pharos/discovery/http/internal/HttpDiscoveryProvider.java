package io.pharos.discovery.http.internal;

import io.pharos.spi.discovery.Discoverer;
import io.pharos.spi.discovery.DiscoveryContext;
import io.pharos.spi.discovery.DiscoveryProvider;
import io.pharos.spi.exporter.Exporter;
import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.MetricType;
import io.pharos.spi.model.PluginConfigException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code http_sd_configs}: target groups from HTTP endpoints. Also an {@link Exporter} of
 * {@code prometheus_sd_http_failures_total} on the server's own {@code /metrics}.
 */
@Component(service = {DiscoveryProvider.class, Exporter.class})
public final class HttpDiscoveryProvider implements DiscoveryProvider, Exporter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpDiscoveryProvider.class);
    private static final String FAILURES = "prometheus_sd_http_failures_total";

    private final LongAdder failures = new LongAdder();
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private String userAgent = "Pharos";

    @Activate
    void activate(BundleContext context) {
        userAgent = "Pharos/" + context.getBundle().getVersion();
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public Discoverer create(Map<String, Object> config, DiscoveryContext context) throws PluginConfigException {
        HttpSdConfig sd = HttpSdConfig.parse(config);
        for (String key : config.keySet()) {
            if (HttpSdConfig.HTTP_CLIENT_FIELDS.contains(key)) {
                LOG.warn("job {}: http_sd_configs field {} is not supported yet and is ignored", context.jobName(), key);
            }
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
