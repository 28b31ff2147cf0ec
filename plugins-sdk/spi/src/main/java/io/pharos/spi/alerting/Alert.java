package io.pharos.spi.alerting;

import io.pharos.spi.model.Labels;
import java.time.Instant;

/**
 * One alert as Alertmanager holds it.
 *
 * @param endsAt when the alert resolved or will be considered resolved
 * @param fingerprint stable hex identifier of the label set
 */
public record Alert(Labels labels, Labels annotations, Instant startsAt, Instant endsAt,
                    String generatorURL, String fingerprint) {
    /** Whether the alert is resolved at {@code now}. */
    public boolean resolvedAt(Instant now) {
        return endsAt != null && !endsAt.isAfter(now);
    }
}
