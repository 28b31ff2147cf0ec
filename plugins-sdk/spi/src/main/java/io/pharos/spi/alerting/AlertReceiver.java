package io.pharos.spi.alerting;

import io.pharos.spi.model.PluginConfigException;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Creates integrations for one receiver type, e.g. {@code slack} for {@code slack_configs}.
 *
 * <p><b>Contract.</b> {@link #create} validates one element of the config list (the plain YAML
 * tree, with the global defaults Alertmanager documents already merged in) and returns an
 * integration; it must not block. Secrets arrive resolved ({@code *_file} variants read).
 *
 * <p><b>Threading.</b> May be called concurrently; integrations are used from the notification
 * pipeline's threads, one notification at a time per integration.
 */
@ConsumerType
public interface AlertReceiver {
    /** The receiver type: the config key without the {@code _configs} suffix. */
    String type();

    /** @throws PluginConfigException if the config is invalid; the message names the field */
    ReceiverIntegration create(Map<String, Object> config, ReceiverContext context) throws PluginConfigException;
}
