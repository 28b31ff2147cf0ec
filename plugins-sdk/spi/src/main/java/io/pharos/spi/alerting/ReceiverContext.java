package io.pharos.spi.alerting;

import org.osgi.annotation.versioning.ProviderType;

/** Services the pipeline lends to a receiver integration. */
@ProviderType
public interface ReceiverContext {
    /** The name of the receiver in alertmanager.yml this integration belongs to. */
    String receiverName();

    /**
     * Renders a notification template (Go text/template syntax, with the templates loaded from the
     * config's {@code templates} files) against a notification.
     *
     * @throws DeliveryException (not retryable) if the template fails
     */
    String render(String template, Notification notification) throws DeliveryException;
}
