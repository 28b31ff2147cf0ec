package io.pharos.spi.storage;

import io.pharos.spi.model.Labels;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Collects samples of one batch and makes them visible and durable together on {@link #commit()}.
 * Used by one thread; after commit or rollback it must not be used again.
 */
@ConsumerType
public interface Appender {
    /**
     * Adds a float sample.
     *
     * @param ref a reference returned by an earlier append for the same labels, or 0. It lets the
     *            caller skip the label lookup on the hot path; a backend may ignore it, and must
     *            fall back to {@code labels} when it no longer knows the reference.
     * @param labels the series' labels including {@code __name__}
     * @param t timestamp in milliseconds
     * @param v the value; may be a stale marker ({@link io.pharos.spi.model.StaleMarker})
     * @return a reference for the series, to pass to later appends (0 if the backend has none)
     * @throws StorageException for a sample that is rejected (out of order, duplicate, too old) or
     *         a backend failure
     */
    long append(long ref, Labels labels, long t, double v);

    /** Makes every sample appended so far visible and durable. */
    void commit();

    /** Discards every sample appended so far. */
    void rollback();
}
