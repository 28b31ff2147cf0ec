package io.pharos.notifier;

import io.pharos.spi.alerting.Alert;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Queues alerts for every configured Alertmanager, as Prometheus' notifier does: external labels
 * are added (an alert's own label wins), {@code alert_relabel_configs} applied, and the queue
 * (10000 alerts) drops its oldest alerts when full. Never blocks on the network.
 */
@ProviderType
public interface AlertSender {
    /** Queues the alerts; they are sent in batches of at most 256 from the notifier's thread. */
    void send(List<Alert> alerts);
}
