package io.pharos.spi.alerting;

import org.osgi.annotation.versioning.ConsumerType;

/** One configured destination (one element of e.g. {@code slack_configs}). */
@ConsumerType
public interface ReceiverIntegration {
    /**
     * Delivers one notification. Returns normally only when the destination accepted it.
     *
     * @throws DeliveryException when delivery failed; {@link DeliveryException#retryable()} says
     *         whether the pipeline should try again with backoff
     */
    void deliver(Notification notification) throws DeliveryException;

    /** Whether resolved notifications are sent ({@code send_resolved}). */
    default boolean sendResolved() {
        return true;
    }
}
