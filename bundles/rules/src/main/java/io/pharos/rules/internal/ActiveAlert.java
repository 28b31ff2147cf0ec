package io.pharos.rules.internal;

import io.pharos.rules.AlertInfo;
import io.pharos.rules.AlertState;
import io.pharos.spi.model.Labels;
import java.time.Instant;

/** The mutable state of one alert of an alerting rule; guarded by the rule. Times in ms. */
final class ActiveAlert {
    /** An unset time (Go's zero {@code time.Time}). */
    static final long NONE = Long.MIN_VALUE;

    final Labels labels;
    Labels annotations;
    AlertState state;
    double value;
    long activeAt;
    long firedAt = NONE;
    long resolvedAt = NONE;
    long lastSentAt = NONE;
    long validUntil = NONE;
    long keepFiringSince = NONE;

    ActiveAlert(Labels labels, Labels annotations, double value, long activeAt) {
        this.labels = labels;
        this.annotations = annotations;
        this.state = AlertState.PENDING;
        this.value = value;
        this.activeAt = activeAt;
    }

    /** Firing alerts are sent again after the resend delay; a resolution is sent at once. */
    boolean needsSending(long ts, long resendDelayMs) {
        if (state == AlertState.PENDING) {
            return false;
        }
        if (resolvedAt != NONE && resolvedAt > lastSentAt) {
            return true;
        }
        return lastSentAt == NONE || lastSentAt + resendDelayMs < ts;
    }

    AlertInfo info() {
        return new AlertInfo(labels, annotations, state, Instant.ofEpochMilli(activeAt),
                keepFiringSince == NONE ? null : Instant.ofEpochMilli(keepFiringSince), value);
    }
}
