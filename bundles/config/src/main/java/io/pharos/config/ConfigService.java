package io.pharos.config;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The current Prometheus configuration of this server. Always registered while the configuration
 * file is valid (or absent, which means the defaults); a reload that fails keeps the previous
 * configuration.
 */
@ProviderType
public interface ConfigService {
    /** The configuration in effect; never null. */
    PrometheusConfig current();

    /** The file the configuration is loaded from (it may not exist). */
    Path file();

    /**
     * Calls {@code listener} with the current configuration right away, then after every
     * successful reload. Listeners are called without locks held, on the reloading thread; one that
     * throws is logged and does not affect the others. Closing the handle unsubscribes (repeatable).
     */
    AutoCloseable subscribe(Consumer<PrometheusConfig> listener);

    /**
     * Reads and validates the file again and, only if it is valid, makes it current and tells the
     * subscribers.
     *
     * @throws ConfigException when the file is missing or invalid; the current configuration stays
     */
    void reload() throws ConfigException;
}
