package io.pharos.rules;

import io.pharos.spi.model.Labels;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one pending or firing alert.
 *
 * @param labels its labels (the sample's, the rule's expanded, and {@code alertname})
 * @param annotations its expanded annotations
 * @param state pending or firing
 * @param activeAt when it became pending
 * @param keepFiringSince when its condition stopped holding while {@code keep_firing_for} keeps it
 *     firing; null otherwise
 * @param value the value of the sample that made it active, from the last evaluation
 */
public record AlertInfo(Labels labels, Labels annotations, AlertState state, Instant activeAt,
                        Instant keepFiringSince, double value) {
    public AlertInfo {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(annotations, "annotations");
        Objects.requireNonNull(state, "state");
    }
}
