package io.pharos.spi.exporter;

import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives metric families from an {@link Exporter}. Declare a family, then write its samples; a
 * sample's name is the family name or, for histograms and summaries, the family name with a
 * suffix ({@code _bucket}, {@code _sum}, {@code _count}). Labels passed to {@code sample} do not
 * include {@code __name__}.
 */
@ProviderType
public interface MetricWriter {
    /** Starts a family: writes its HELP and TYPE. */
    MetricWriter family(String name, MetricType type, String help) throws IOException;

    /** A sample of the current family. */
    MetricWriter sample(String name, Labels labels, double value) throws IOException;

    /** A sample with an explicit timestamp in milliseconds (rarely right: see the Prometheus docs). */
    MetricWriter sample(String name, Labels labels, double value, long timestampMs) throws IOException;

    /** A sample without labels. */
    default MetricWriter sample(String name, double value) throws IOException {
        return sample(name, Labels.EMPTY, value);
    }
}
