package io.pharos.http.internal;

import io.pharos.config.ConfigService;
import io.pharos.http.HttpRoute;
import io.pharos.promql.QueryEngine;
import io.pharos.notifier.Alertmanagers;
import io.pharos.rules.RuleManager;
import io.pharos.scrape.ScrapeTargets;
import io.pharos.spi.exporter.Exporter;
import io.pharos.spi.storage.StorageBackend;
import io.pharos.storage.Storage;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
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
 * Runs the embedded Jetty that serves the API and the metrics endpoints. Jetty 12 is embedded
 * rather than reached through Pax Web (Jetty 9.4, end of life): fewer bundles, a faster boot, and
 * full control of request handling for the hot query and write paths.
 */
@Component(immediate = true, configurationPid = "io.pharos.http",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HttpServerComponent.Config.class)
public final class HttpServerComponent {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServerComponent.class);

    @ObjectClassDefinition(name = "Pharos HTTP server")
    public @interface Config {
        @AttributeDefinition(description = "Address to listen on; empty for all interfaces")
        String host() default "";

        @AttributeDefinition(description = "Port to listen on")
        int port() default 9090;

        @AttributeDefinition(description = "Most threads serving requests at once")
        int max_threads() default 64;

        @AttributeDefinition(description = "Enable the lifecycle API (POST /-/reload), as Prometheus' --web.enable-lifecycle")
        boolean lifecycle_enabled() default false;

        @AttributeDefinition(description = "Enable the TSDB admin API (/api/v1/admin/tsdb/*: snapshot, "
                + "delete_series, clean_tombstones), as Prometheus' --web.enable-admin-api")
        boolean admin_enabled() default false;
    }

    private final Exporters exporters = new Exporters();
    private final Routes routes = new Routes();
    private final HttpMetrics metrics = new HttpMetrics();
    @Reference
    private Storage storage;
    private volatile QueryEngine engine;
    private volatile ConfigService configService;
    private volatile ScrapeTargets scrapeTargets;
    private volatile Alertmanagers alertmanagers;
    private volatile RuleManager ruleManager;
    private volatile StorageBackend backend;
    private final Flags flags = new Flags();
    private Server server;
    private ServiceRegistration<Exporter> metricsRegistration;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEngine(QueryEngine e, Map<String, Object> props) {
        engine = e;
        flags.engine(props);
    }

    void unbindEngine(QueryEngine e) {
        if (engine == e) {
            engine = null;
            flags.engine(null);
        }
    }

    /** The primary backend, only for the settings it publishes (status/flags). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + StorageBackend.ROLE_PROPERTY + "=" + StorageBackend.ROLE_PRIMARY + ")")
    void bindBackend(StorageBackend b, Map<String, Object> props) {
        backend = b;
        flags.storage(props);
    }

    void unbindBackend(StorageBackend b) {
        if (backend == b) {
            backend = null;
            flags.storage(null);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConfig(ConfigService c) {
        configService = c;
    }

    void unbindConfig(ConfigService c) {
        if (configService == c) {
            configService = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTargets(ScrapeTargets t) {
        scrapeTargets = t;
    }

    void unbindTargets(ScrapeTargets t) {
        if (scrapeTargets == t) {
            scrapeTargets = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAlertmanagers(Alertmanagers a) {
        alertmanagers = a;
    }

    void unbindAlertmanagers(Alertmanagers a) {
        if (alertmanagers == a) {
            alertmanagers = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRules(RuleManager r) {
        ruleManager = r;
    }

    void unbindRules(RuleManager r) {
        if (ruleManager == r) {
            ruleManager = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addExporter(Exporter e) {
        exporters.add(e);
    }

    void removeExporter(Exporter e) {
        exporters.remove(e);
    }

    /** Routes of other bundles (whiteboard), e.g. the remote-write receiver's {@code /api/v1/write}. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRoute(HttpRoute route, Map<String, Object> props) {
        routes.add(route, props);
    }

    void removeRoute(HttpRoute route) {
        routes.remove(route);
    }

    @Activate
    void activate(Config config, BundleContext context) throws Exception {
        BuildInfo build = new BuildInfo(
                header(context, "Bundle-Version", "unknown"),
                header(context, "Pharos-Revision", "unknown"),
                header(context, "Pharos-Branch", "unknown"),
                header(context, "Pharos-Build-User", "unknown"),
                header(context, "Pharos-Build-Date", "unknown"),
                "java" + System.getProperty("java.version"));
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(8, config.max_threads()), 4);
        pool.setName("pharos-http");
        server = new Server(pool);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.host().isBlank() ? null : config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        Services services = new Services(storage, () -> engine, () -> configService, () -> scrapeTargets,
                () -> alertmanagers, () -> ruleManager);
        flags.http(config.host(), config.port(), config.lifecycle_enabled(), config.admin_enabled());
        server.setHandler(new ApiHandler(services, config.lifecycle_enabled(), config.admin_enabled(), exporters, routes, build,
                flags, metrics, System::currentTimeMillis));
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw new IllegalStateException("cannot listen on " + (config.host().isBlank() ? "*" : config.host())
                    + ":" + config.port() + ": " + e.getMessage(), e);
        }
        Dictionary<String, Object> props = new Hashtable<>();
        metricsRegistration = context.registerService(Exporter.class, metrics, props);
        LOG.info("Pharos HTTP API listening on {}:{}", config.host().isBlank() ? "*" : config.host(),
                connector.getLocalPort());
    }

    private static String header(BundleContext context, String name, String dflt) {
        String v = context.getBundle().getHeaders().get(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    @Deactivate
    void deactivate() throws Exception {
        if (metricsRegistration != null) {
            try {
                metricsRegistration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it with the bundle
            }
        }
        if (server != null) {
            server.stop();
        }
    }
}
