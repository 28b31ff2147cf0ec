package io.pharos.remotewrite.internal;

import io.pharos.http.HttpRoute;
import io.pharos.spi.exporter.Exporter;
import io.pharos.storage.Storage;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xerial.snappy.Snappy;

/**
 * The remote-write receiver: when enabled, adds {@code POST /api/v1/write} to the HTTP server
 * (an {@link HttpRoute} service) and its counters to {@code /metrics}. Off by default, like
 * Prometheus' {@code --web.enable-remote-write-receiver}: anyone who can reach the port could
 * write series.
 */
@Component(immediate = true, configurationPid = "io.pharos.remotewrite",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RemoteWriteComponent.Config.class)
public final class RemoteWriteComponent {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteWriteComponent.class);

    @ObjectClassDefinition(name = "Pharos remote-write receiver")
    public @interface Config {
        @AttributeDefinition(description = "Accept remote writes at POST /api/v1/write, as Prometheus' "
                + "--web.enable-remote-write-receiver")
        boolean enabled() default false;

        @AttributeDefinition(description = "Largest request body accepted, in bytes (compressed); larger: 413")
        long max_body_bytes() default 32L << 20;

        @AttributeDefinition(description = "Largest decompressed request accepted, in bytes; larger: 413")
        long max_decoded_bytes() default 256L << 20;

        @AttributeDefinition(description = "Series whose decoded labels are kept between requests")
        int series_cache_size() default 500_000;
    }

    @Reference
    private Storage storage;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    void activate(Config config, BundleContext context) {
        if (!config.enabled()) {
            LOG.info("remote-write receiver is off; set enabled = true in etc/io.pharos.remotewrite.cfg to accept "
                    + "POST /api/v1/write");
            return;
        }
        checkSnappy();
        SeriesCache cache = new SeriesCache(config.series_cache_size());
        ReceiverMetrics metrics = new ReceiverMetrics(cache::size);
        RemoteWriteReceiver receiver = new RemoteWriteReceiver(storage, cache,
                new RemoteWriteReceiver.Limits(config.max_body_bytes(), config.max_decoded_bytes()), metrics,
                System::currentTimeMillis);
        Dictionary<String, Object> routeProps = new Hashtable<>();
        routeProps.put(HttpRoute.PATH, RemoteWriteRoute.PATH);
        registrations.add(context.registerService(HttpRoute.class, new RemoteWriteRoute(receiver), routeProps));
        registrations.add(context.registerService(Exporter.class, metrics, new Hashtable<>()));
        LOG.info("remote-write receiver accepts POST {} (remote write 1.0 and 2.0; bodies up to {} bytes)",
                RemoteWriteRoute.PATH, config.max_body_bytes());
    }

    /**
     * snappy-java decompresses with a native library that its bundle loads (Bundle-NativeCode);
     * say so at once when that failed, not at the first request.
     */
    private static void checkSnappy() {
        try {
            byte[] probe = {1, 2, 3, 4};
            if (Snappy.uncompress(Snappy.compress(probe)).length != probe.length) {
                throw new IllegalStateException("round trip changed the data");
            }
        } catch (Exception | LinkageError e) {
            LOG.error("remote-write receiver: snappy-java cannot run on {} {}: requests will fail with 500",
                    System.getProperty("os.name"), System.getProperty("os.arch"), e);
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it with the bundle
            }
        }
        registrations.clear();
    }
}
