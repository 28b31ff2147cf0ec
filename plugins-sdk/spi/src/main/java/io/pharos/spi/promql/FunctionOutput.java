package io.pharos.spi.promql;

import io.pharos.spi.model.Labels;
import org.osgi.annotation.versioning.ProviderType;

/** Where a function writes its result for one step. */
@ProviderType
public interface FunctionOutput {
    /** Adds one sample of a vector result. */
    void add(Labels labels, double value);

    /** Sets the result of a scalar function. */
    void scalar(double value);
}
