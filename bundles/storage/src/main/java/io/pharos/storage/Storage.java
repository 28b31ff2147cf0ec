package io.pharos.storage;

import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.StorageAdmin;
import io.pharos.spi.storage.StorageStatus;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Storage as the kernel sees it: appends go to the primary backend and a copy to every secondary;
 * queries go to the primary. Always registered, also while no backend is: then every call throws
 * {@link StorageUnavailableException}, which the HTTP API turns into a 503.
 */
@ProviderType
public interface Storage {
    /** An appender that writes to the primary and every secondary. */
    Appender appender();

    /** A querier over the primary for samples in {@code [mint, maxt]}. */
    Querier querier(long mint, long maxt);

    /** Whether a primary backend is registered right now. */
    boolean available();

    /** The name of the primary backend, or {@code null} when there is none. */
    String primaryName();

    /**
     * What the primary backend holds, with the {@code limit} largest cardinalities; empty when it
     * cannot tell (it does not implement {@link StorageStatus}).
     *
     * @throws StorageUnavailableException when there is no primary
     */
    default Optional<StorageStatus.Snapshot> status(int limit) {
        return Optional.empty();
    }

    /**
     * The primary backend's admin operations; empty when it has none.
     *
     * @throws StorageUnavailableException when there is no primary
     */
    default Optional<StorageAdmin> admin() {
        return Optional.empty();
    }
}
