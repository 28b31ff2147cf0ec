package io.pharos.config.internal;

import io.pharos.config.ConfigException;
import io.pharos.config.ConfigLoader;
import io.pharos.config.ConfigService;
import io.pharos.config.ConfigValidator;
import io.pharos.config.PrometheusConfig;
import io.pharos.spi.exporter.Exporter;
import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.MetricType;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
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
@Component(service = {ConfigService.class, Exporter.class}, configurationPid = "io.pharos.config")
@Designate(ocd = ConfigServiceComponent.Config.class)
public final class ConfigServiceComponent implements ConfigService, Exporter {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigServiceComponent.class);

    @ObjectClassDefinition(name = "Pharos configuration file",
            description = "Where Pharos reads its prometheus.yml-compatible configuration.")
    public @interface Config {
        @AttributeDefinition(name = "Configuration file",
                description = "Path of the configuration file; relative paths are resolved against "
                        + "${karaf.etc}. Empty means ${karaf.etc}/prometheus.yml.")
        String config_file() default "";

        @AttributeDefinition(name = "Auto-reload interval",
                description = "How often, in seconds, the file is checked for changes and reloaded when "
                        + "its content changed; 0 turns checking off.")
        int auto_reload_interval_seconds() default 30;
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /** Bundles that own parts of the configuration (rule files, alerting) and veto broken reloads. */
    private final List<ConfigValidator> validators = new CopyOnWriteArrayList<>();
    private final List<ServiceReference<ConfigValidator>> validatorRefs = new CopyOnWriteArrayList<>();
    private volatile BundleContext bundleContext;
    /** Serialises reloads, so a slow reload cannot overwrite the result of a later one. */
    private final Object reloadLock = new Object();
    private volatile PrometheusConfig current = PrometheusConfig.DEFAULT;
    private volatile Path file;
    private volatile boolean lastReloadSuccessful = true;
    private volatile long lastSuccessMs;
    private volatile String loadedDigest = "";
    private ScheduledExecutorService watcher;

    /**
     * DS' activation. Named apart from {@link #activate(Config)}: with both named "activate", DS
     * picks the one-argument form and the bundle context (for validators) would stay unset.
     */
    @Activate
    void start(BundleContext context, Config config) throws ConfigException {
        bundleContext = context;
        activate(config);
    }

    void activate(Config config) throws ConfigException {
        file = resolve(config.config_file());
        if (!Files.exists(file)) {
            LOG.warn("Configuration file {} not found; using the default configuration (no scrape configs)", file);
            current = PrometheusConfig.DEFAULT;
        } else {
            try {
                loadedDigest = digest(file);
                current = ConfigLoader.load(file);
            } catch (ConfigException e) {
                LOG.error("Invalid configuration, not starting: {}", e.getMessage());
                throw e;
            }
            LOG.info("Loaded configuration {} ({} scrape configs)", file, current.scrapeConfigs().size());
        }
        lastSuccessMs = System.currentTimeMillis();
        int every = config.auto_reload_interval_seconds();
        if (every > 0) {
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pharos-config-watch");
                t.setDaemon(true);
                return t;
            });
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
        subscriptions.clear();
    }

    /** Reloads when the file's content changed since the last load attempt (Prometheus' auto-reload). */
    void reloadIfChanged() {
        try {
            String now = digest(file);
            if (now.equals(loadedDigest)) {
                return;
            }
            LOG.info("Configuration file {} changed, reloading", file);
            reload();
        } catch (ConfigException e) {
            // logged by reload(); the old configuration keeps running
        } catch (RuntimeException e) {
            LOG.warn("Checking {} for changes failed: {}", file, e.toString());
        }
    }

    /** SHA-256 of the file's content; empty when it cannot be read. */
    private static String digest(Path file) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(hash);
        } catch (IOException | NoSuchAlgorithmException e) {
            return "";
        }
    }

    @Override
    public String name() {
        return SELF;
    }

    @Override
    public void collect(MetricWriter out) throws IOException {
        out.family("prometheus_config_last_reload_successful", MetricType.GAUGE,
                "Whether the last configuration reload attempt was successful.");
        out.sample("prometheus_config_last_reload_successful", lastReloadSuccessful ? 1 : 0);
        out.family("prometheus_config_last_reload_success_timestamp_seconds", MetricType.GAUGE,
                "Timestamp of the last successful configuration reload.");
        out.sample("prometheus_config_last_reload_success_timestamp_seconds", lastSuccessMs / 1000.0);
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

    /**
     * Validator services are bound by reference and fetched only during a reload: their bundles
     * (rules, notifier) use this service, so getting them at activation would be circular.
     */
    @Reference(service = ConfigValidator.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindValidator(ServiceReference<ConfigValidator> ref) {
        validatorRefs.add(ref);
    }

    void unbindValidator(ServiceReference<ConfigValidator> ref) {
        validatorRefs.remove(ref);
    }

    /** For tests, without a framework. */
    void addValidator(ConfigValidator v) {
        validators.add(v);
    }

    void removeValidator(ConfigValidator v) {
        validators.remove(v);
    }

    private void validate(PrometheusConfig loaded, Path dir) throws ConfigException {
        for (ConfigValidator v : validators) {
            v.validate(loaded, dir);
        }
        BundleContext context = bundleContext;
        if (context == null) {
            return;
        }
        for (ServiceReference<ConfigValidator> ref : validatorRefs) {
            ConfigValidator v = context.getService(ref);
            if (v == null) {
                continue; // went away meanwhile
            }
            try {
                v.validate(loaded, dir);
            } finally {
                context.ungetService(ref);
            }
        }
    }

    @Override
    public void reload() throws ConfigException {
        synchronized (reloadLock) {
            // Remember what was tried, so that auto-reload does not retry the same broken file.
            loadedDigest = digest(file);
            try {
                PrometheusConfig loaded = ConfigLoader.load(file);
                validate(loaded, file.toAbsolutePath().getParent());
                current = loaded;
            } catch (ConfigException e) {
                lastReloadSuccessful = false;
                LOG.error("Invalid configuration, keeping the previous one: {}", e.getMessage());
                throw e;
            }
            lastReloadSuccessful = true;
            lastSuccessMs = System.currentTimeMillis();
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
