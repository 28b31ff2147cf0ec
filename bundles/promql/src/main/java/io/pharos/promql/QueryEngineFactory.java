package io.pharos.promql;

import io.pharos.storage.Storage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Makes engines over storage other than the kernel's, with the function plugins the kernel's engine
 * has: what promtool-style rule unit tests evaluate their private data with.
 *
 * @since 1.3
 */
@ProviderType
public interface QueryEngineFactory {
    /**
     * An engine over {@code storage} with Prometheus' default settings, and every optional feature on
     * that a promtool test may use.
     *
     * @param subqueryStepMs the step of subqueries written without one ({@code x[5m:]}); Prometheus
     *     uses the evaluation interval
     */
    QueryEngine create(Storage storage, long subqueryStepMs);
}
