package io.pharos.spi.alerting;

import io.pharos.spi.model.Labels;
import java.util.List;

/**
 * A group of alerts to deliver together, with the data Alertmanager's templates see.
 *
 * @param receiver receiver name
 * @param groupKey identifies the aggregation group (stable across notifications of the group)
 * @param firing true when at least one alert of the group is firing ({@code status: firing})
 * @param externalURL the Alertmanager's external URL, for links
 */
public record Notification(String receiver, String groupKey, boolean firing, Labels groupLabels,
                           Labels commonLabels, Labels commonAnnotations, List<Alert> alerts,
                           String externalURL) {
    public Notification {
        alerts = List.copyOf(alerts);
    }
}
