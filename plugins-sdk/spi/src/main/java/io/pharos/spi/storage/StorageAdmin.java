package io.pharos.spi.storage;

import io.pharos.spi.model.LabelMatcher;
import java.io.IOException;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optional for a {@link StorageBackend}: the operations of Prometheus' TSDB admin API
 * ({@code /api/v1/admin/tsdb/*}), which the HTTP API offers only when enabled. A backend that
 * implements it on the object it registers is asked when it is the primary.
 */
@ConsumerType
public interface StorageAdmin {
    /**
     * Writes a consistent copy of the stored data into a new directory of the backend's snapshot
     * area and returns the directory's name.
     *
     * @param skipHead leave out data not yet persisted (recent samples) rather than persist it first
     */
    String snapshot(boolean skipHead) throws IOException;

    /** Deletes the samples in {@code [mint, maxt]} (ms) of the series matching every matcher. */
    void deleteSeries(List<LabelMatcher> matchers, long mint, long maxt) throws IOException;

    /** Reclaims the space of deleted samples; a backend that deletes at once has nothing to do. */
    void cleanTombstones() throws IOException;
}
