package io.pharos.spi.exporter;

import java.io.IOException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A collector of metric families, registered as an OSGi service.
 *
 * <p><b>Contract.</b> {@link #collect(MetricWriter)} is called once per scrape of the exporter's
 * endpoint and must write the current values of all its families. It may be called from several
 * threads at once (two scrapers), so it must not keep per-call state in fields. It should finish
 * well within a scrape timeout (seconds); slow sources should be read in the background and cached.
 *
 * <p><b>Lifecycle.</b> The endpoint appears when the service is registered and disappears when it
 * is unregistered. Several exporters with the same {@link #name()} are served together on one
 * endpoint (their families must not overlap); this is how the kernel's bundles each contribute to
 * {@code /metrics}.
 *
 * <p><b>Errors.</b> An exception from {@code collect} fails that one request with HTTP 500 and the
 * message; a scraper records the target as down.
 */
@ConsumerType
public interface Exporter {
    /** The name of the platform's own metrics endpoint, {@code /metrics}. */
    String SELF = "pharos";

    /** URL-safe name; the endpoint is {@code /exporters/<name>/metrics}. */
    String name();

    /** Writes every metric family this exporter has. */
    void collect(MetricWriter out) throws IOException;
}
