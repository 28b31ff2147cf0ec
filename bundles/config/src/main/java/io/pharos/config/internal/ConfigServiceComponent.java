package io.pharos.config.internal;

import io.pharos.config.ConfigException;
import io.pharos.config.ConfigLoader;
import io.pharos.config.ConfigService;
import io.pharos.config.PrometheusConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the configuration loaded from {@code prometheus.yml}. An invalid file at activation fails
 * the component (the reason, with file:line:col, goes to the log) so nothing runs on a config the
 * operator did not mean; a missing file means the defaults. A change of {@code config_file}
 * reactivates the component.
 */
@Component(service = ConfigService.class, configurationPid = "io.pharos.config")
@Designate(ocd = ConfigServiceComponent.Config.class)
public final class ConfigServiceComponent implements ConfigService {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigServiceComponent.class);

    @ObjectClassDefinition(name = "Pharos configuration file",
            description = "Where Pharos reads its prometheus.yml-compatible configuration.")
    public @interface Config {
        @AttributeDefinition(name = "Configuration file",
                description = "Path of the configuration file; relative paths are resolved against "
                        + "${karaf.etc}. Empty means ${karaf.etc}/prometheus.yml.")
        String config_file() default "";
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /** Serialises reloads, so a slow reload cannot overwrite the result of a later one. */
    private final Object reloadLock = new Object();
    private volatile PrometheusConfig current = PrometheusConfig.DEFAULT;
    private volatile Path file;

    @Activate
    void activate(Config config) throws ConfigException {
        file = resolve(config.config_file());
        if (!Files.exists(file)) {
            LOG.warn("Configuration file {} not found; using the default configuration (no scrape configs)", file);
            current = PrometheusConfig.DEFAULT;
            return;
        }
        try {
            current = ConfigLoader.load(file);
        } catch (ConfigException e) {
            LOG.error("Invalid configuration, not starting: {}", e.getMessage());
            throw e;
        }
        LOG.info("Loaded configuration {} ({} scrape configs)", file, current.scrapeConfigs().size());
    }

    @Deactivate
    void deactivate() {
        subscriptions.clear();
    }

    @Override
    public PrometheusConfig current() {
        return current;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public AutoCloseable subscribe(Consumer<PrometheusConfig> listener) {
        Subscription s = new Subscription(listener);
        subscriptions.add(s);
        s.deliver(current);
        return () -> subscriptions.remove(s);
    }

    @Override
    public void reload() throws ConfigException {
        synchronized (reloadLock) {
            try {
                current = ConfigLoader.load(file);
            } catch (ConfigException e) {
                LOG.error("Invalid configuration, keeping the previous one: {}", e.getMessage());
                throw e;
            }
        }
        LOG.info("Reloaded configuration {} ({} scrape configs)", file, current.scrapeConfigs().size());
        // Read current again rather than passing what this call loaded: if reloads race, the last
        // delivery every listener sees is the newest configuration.
        PrometheusConfig latest = current;
        for (Subscription s : subscriptions) {
            s.deliver(latest);
        }
    }

    static Path resolve(String configured) {
        Path etc = Path.of(System.getProperty("karaf.etc", "etc"));
        return configured == null || configured.isBlank() ? etc.resolve("prometheus.yml") : etc.resolve(configured);
    }

    /** One subscribe call; an identity, so the same listener can subscribe twice and leave once. */
    private static final class Subscription {
        private final Consumer<PrometheusConfig> listener;

        Subscription(Consumer<PrometheusConfig> listener) {
            this.listener = listener;
        }

        void deliver(PrometheusConfig config) {
            try {
                listener.accept(config);
            } catch (RuntimeException e) {
                LOG.warn("Configuration listener {} failed", listener, e);
            }
        }
    }
}
