package io.pharos.spi.promql;

import io.pharos.spi.model.Labels;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A read-only view of a range vector at one step: for each series, its samples in the range
 * {@code (rangeStart, rangeEnd]} in time order. Valid during one call only.
 */
@ProviderType
public interface RangeVector {
    int size();

    Labels labels(int series);

    int sampleCount(int series);

    long timestamp(int series, int sample);

    double value(int series, int sample);

    /** Exclusive start of the selected range, ms (after offset and {@code @} are applied). */
    long rangeStart();

    /** Inclusive end of the selected range, ms. */
    long rangeEnd();
}
