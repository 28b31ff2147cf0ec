package io.pharos.spi.promql;

import io.pharos.spi.model.Labels;
import org.osgi.annotation.versioning.ProviderType;

/** A read-only view of an instant vector: one sample per series. Valid during one call only. */
@ProviderType
public interface InstantVector {
    int size();

    Labels labels(int i);

    double value(int i);
}
