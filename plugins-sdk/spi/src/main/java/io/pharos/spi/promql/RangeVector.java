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

    /**
     * The start timestamp of a sample in ms, 0 when unknown (see
     * {@link io.pharos.spi.model.SampleIterator#startTimestamp()}). Only samples a range selector
     * read from storage have one, and only when the engine uses start timestamps; a subquery's
     * samples are computed and have none, nor do the boundary points of anchored and smoothed ranges.
     *
     * @since 1.1
     */
    default long startTimestamp(int series, int sample) {
        return 0;
    }

    /** Exclusive start of the selected range, ms (after offset and {@code @} are applied). */
    long rangeStart();

    /** Inclusive end of the selected range, ms. */
    long rangeEnd();
}
