package io.pharos.notifier.internal;

import io.pharos.config.ConfigException;
import io.pharos.config.ConfigService;
import io.pharos.config.ConfigValidator;
import io.pharos.config.PrometheusConfig;
import io.pharos.notifier.AlertSender;
import io.pharos.notifier.Alertmanagers;
import io.pharos.spi.alerting.Alert;
import io.pharos.spi.discovery.DiscoveryProvider;
import io.pharos.spi.exporter.Exporter;
import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.PluginConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier service: follows the configuration (every reload), tracks discovery providers for
 * {@code <type>_sd_configs} of Alertmanagers, and exports the notifier metrics on {@code /metrics}.
 */
@Component(service = {AlertSender.class, Alertmanagers.class, Exporter.class, ConfigValidator.class}, immediate = true)
public final class NotifierComponent implements AlertSender, Alertmanagers, Exporter, ConfigValidator {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierComponent.class);

    private final List<DiscoveryProvider> providers = new CopyOnWriteArrayList<>();
    @Reference
    private ConfigService config;
    private volatile Notifier notifier;
    private AutoCloseable subscription;

    @Activate
    void activate(BundleContext context) {
        notifier = new Notifier(Notifier.DEFAULT_CAPACITY, "Pharos/" + context.getBundle().getVersion(),
                this::providerFor);
        notifier.start();
        subscription = config.subscribe(this::apply);
    }

    @Deactivate
    void deactivate() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
        notifier.close();
    }

    /** A reload with a broken {@code alerting} section is rejected as a whole, as in Prometheus. */
    @Override
    public void validate(PrometheusConfig cfg, Path configDirectory) throws ConfigException {
        try {
            AlertingConfig.parse(cfg.alerting(), configDirectory);
        } catch (PluginConfigException e) {
            throw new ConfigException("alerting", 0, 0, e.getMessage(), e);
        }
    }

    private void apply(PrometheusConfig cfg) {
        Path file = config.file();
        try {
            notifier.apply(cfg, file == null ? null : file.toAbsolutePath().getParent());
        } catch (PluginConfigException e) {
            LOG.error("{}: {}; the notifier keeps its previous configuration", file, e.getMessage());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindProvider(DiscoveryProvider provider) {
        providers.add(provider);
        rediscover();
    }

    void unbindProvider(DiscoveryProvider provider) {
        providers.remove(provider);
        rediscover();
    }

    private void rediscover() {
        Notifier n = notifier;
        if (n != null) {
            n.rediscover();
        }
    }

    private DiscoveryProvider providerFor(String type) {
        for (DiscoveryProvider p : providers) {
            if (p.type().equals(type)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public void send(List<Alert> alerts) {
        notifier.send(alerts);
    }

    @Override
    public List<URI> active() {
        return notifier.active();
    }

    @Override
    public List<URI> dropped() {
        return notifier.dropped();
    }

    @Override
    public String name() {
        return SELF;
    }

    @Override
    public void collect(MetricWriter out) throws IOException {
        notifier.collect(out);
    }
}
