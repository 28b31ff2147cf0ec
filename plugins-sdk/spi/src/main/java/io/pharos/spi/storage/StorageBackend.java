package io.pharos.spi.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A place where samples are appended and from which series are selected.
 *
 * <p><b>Registration.</b> Register as an OSGi service with the property
 * {@value #ROLE_PROPERTY} set to {@value #ROLE_PRIMARY} or {@value #ROLE_SECONDARY} (default:
 * primary). When several primaries are registered the one with the highest service ranking is
 * used; the others are idle until it goes away.
 *
 * <p><b>Threading.</b> Every method may be called from many threads at once. Each appender and
 * querier it hands out is used by one thread at a time.
 *
 * <p><b>Lifecycle.</b> The service is usable from registration until unregistration. A backend
 * that is being deactivated must finish or reject appends in flight: an appender whose
 * {@link Appender#commit()} returned normally has made its samples durable to the degree the
 * backend promises (for a persistent backend: they survive a crash of the process).
 *
 * <p><b>Errors.</b> Failures are reported as {@link StorageException}; whether retrying may help
 * is told by {@link StorageException#retryable()}.
 */
@ConsumerType
public interface StorageBackend {
    String ROLE_PROPERTY = "pharos.storage.role";
    String ROLE_PRIMARY = "primary";
    String ROLE_SECONDARY = "secondary";

    /** A short name for logs and status pages, e.g. {@code memory}, {@code lmdb}. */
    String name();

    /** A new appender for one batch of samples (a scrape, a remote-write request). */
    Appender appender();

    /**
     * A querier over samples with timestamps in {@code [mint, maxt]} (milliseconds, inclusive).
     * Backends that cannot be queried (e.g. a remote-write sender) throw
     * {@link UnsupportedOperationException}; they must then be registered as secondaries.
     */
    Querier querier(long mint, long maxt);
}
