package io.pharos.spi.promql;

import io.pharos.spi.model.Labels;
import org.osgi.annotation.versioning.ProviderType;

/** A read-only view of an instant vector: one sample per series. Valid during one call only. */
@ProviderType
public interface InstantVector {
    int size();

    Labels labels(int i);

    double value(int i);

    /**
     * The timestamp of sample {@code i} in ms: for a plain selector the time the sample was
     * scraped, otherwise the evaluation time ({@code timestamp()} returns it).
     */
    long timestamp(int i);
}
