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

    /**
     * Whether the samples carry their start timestamps: true when the argument is a plain selector
     * and the engine uses start timestamps. A computed vector ({@code x * 1}) has none.
     *
     * @since 1.1
     */
    default boolean hasStartTimestamps() {
        return false;
    }

    /**
     * The start timestamp of sample {@code i} in ms, 0 when unknown or when the vector has none
     * ({@link #hasStartTimestamps()}).
     *
     * @since 1.1
     */
    default long startTimestamp(int i) {
        return 0;
    }
}
