package io.pharos.spi.discovery;

import io.pharos.spi.model.PluginConfigException;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Creates discoverers for one service discovery type, e.g. {@code file} for
 * {@code file_sd_configs}.
 *
 * <p><b>Contract.</b> {@link #create} validates one entry of the config section and returns a
 * discoverer that is not yet running; it must not block or start threads. The config arrives as
 * the plain YAML tree (maps, lists, strings, numbers, booleans) of one list element.
 *
 * <p><b>Lifecycle.</b> The kernel calls {@link Discoverer#start} once and {@link Discoverer#close}
 * when the configuration changes or the provider's service goes away; targets of a closed
 * discoverer are removed (their series marked stale).
 *
 * <p><b>Threading.</b> {@code create} may be called from any thread, concurrently.
 */
@ConsumerType
public interface DiscoveryProvider {
    /** The SD type: the config key without the {@code _sd_configs} suffix. */
    String type();

    /**
     * A discoverer for one config entry.
     *
     * @throws PluginConfigException if the entry is invalid; the message names the field
     */
    Discoverer create(Map<String, Object> config, DiscoveryContext context) throws PluginConfigException;
}
