package io.pharos.rules;

import io.pharos.spi.model.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one rule. Fields that only alerting rules have are zero, empty or
 * {@link AlertState#INACTIVE} for recording rules.
 *
 * @param type whether it records or alerts
 * @param name the recorded metric name or the alert name
 * @param query the expression as Prometheus prints it
 * @param labels the labels the rule adds (group labels merged in)
 * @param annotations the annotation templates (alerting rules)
 * @param duration the {@code for} hold duration (alerting rules)
 * @param keepFiringFor the {@code keep_firing_for} duration (alerting rules)
 * @param state the highest state of its alerts (alerting rules)
 * @param alerts its pending and firing alerts (alerting rules)
 * @param health whether the last evaluation succeeded
 * @param lastError the error of the last evaluation, "" if none
 * @param evaluationTime how long the last evaluation took
 * @param lastEvaluation when the last evaluation started (wall clock); null if never evaluated
 */
public record RuleInfo(Type type, String name, String query, Labels labels, Labels annotations, Duration duration,
                       Duration keepFiringFor, AlertState state, List<AlertInfo> alerts, Health health,
                       String lastError, Duration evaluationTime, Instant lastEvaluation) {
    public RuleInfo {
        alerts = List.copyOf(alerts);
        lastError = lastError == null ? "" : lastError;
    }

    /** The kind of rule, with the name the API uses for it. */
    public enum Type {
        RECORDING("recording"), ALERTING("alerting");

        private final String text;

        Type(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Prometheus' rule health. */
    public enum Health {
        UNKNOWN("unknown"), OK("ok"), ERR("err");

        private final String text;

        Health(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }
}
