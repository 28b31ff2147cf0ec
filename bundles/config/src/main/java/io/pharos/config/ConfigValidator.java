package io.pharos.config;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Checks the parts of a new configuration that other bundles own (rule files, the alerting
 * section) before it is applied, as Prometheus fails a whole reload when one of them is broken.
 * Registered as a service; the configuration service asks every validator on each reload, and a
 * rejected configuration is not applied: the old one keeps running and
 * {@code prometheus_config_last_reload_successful} drops to 0.
 */
@ConsumerType
public interface ConfigValidator {
    /**
     * @param config the configuration about to be applied
     * @param configDirectory the directory of the configuration file, for relative paths
     * @throws ConfigException naming the file (and line when known) and the reason
     */
    void validate(PrometheusConfig config, Path configDirectory) throws ConfigException;
}
