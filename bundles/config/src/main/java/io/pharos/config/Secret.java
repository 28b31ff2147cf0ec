package io.pharos.config;

import java.util.Objects;

/**
 * A password, token or key from the configuration. Its {@link #toString()} is {@code <secret>}, as
 * Prometheus shows secrets, so it cannot leak into logs, errors or {@code /api/v1/status/config}.
 *
 * @param value the secret itself; only code that sends it should read it
 */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "<secret>";
    }
}
