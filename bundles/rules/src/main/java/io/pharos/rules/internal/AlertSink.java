package io.pharos.rules.internal;

import io.pharos.spi.alerting.Alert;
import java.util.List;

/** Receives the firing and resolved alerts the rule manager sends after each evaluation (the notifier). */
public interface AlertSink {
    void send(List<Alert> alerts);
}
