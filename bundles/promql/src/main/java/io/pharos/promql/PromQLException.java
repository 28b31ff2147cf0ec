package io.pharos.promql;

import java.util.Objects;

/**
 * A query failed. The {@link #errorType()} is what the HTTP API reports as {@code errorType} and
 * picks the status code from; the message is reported as {@code error}.
 */
public class PromQLException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error types of the Prometheus HTTP API. */
    public enum ErrorType {
        BAD_DATA("bad_data"),
        EXECUTION("execution"),
        TIMEOUT("timeout"),
        CANCELED("canceled"),
        UNAVAILABLE("unavailable"),
        INTERNAL("internal");

        private final String text;

        ErrorType(String text) {
            this.text = text;
        }

        /** The name used in the API's {@code errorType} field. */
        public String text() {
            return text;
        }
    }

    private final ErrorType errorType;

    public PromQLException(ErrorType errorType, String message) {
        super(message);
        this.errorType = Objects.requireNonNull(errorType, "errorType");
    }

    public PromQLException(ErrorType errorType, String message, Throwable cause) {
        super(message, cause);
        this.errorType = Objects.requireNonNull(errorType, "errorType");
    }

    public ErrorType errorType() {
        return errorType;
    }
}
