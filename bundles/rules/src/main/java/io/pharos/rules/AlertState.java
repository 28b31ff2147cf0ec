package io.pharos.rules;

/** The state of an alert, ordered as Prometheus orders them (a rule shows its highest). */
public enum AlertState {
    INACTIVE("inactive"), PENDING("pending"), FIRING("firing");

    private final String text;

    AlertState(String text) {
        this.text = text;
    }

    /** The name the API and the {@code alertstate} label use. */
    public String text() {
        return text;
    }
}
