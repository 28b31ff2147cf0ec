package io.pharos.http.internal;

/** An API error with Prometheus' {@code errorType} and the HTTP status that goes with it. */
final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String errorType;
    private final int status;

    ApiException(String errorType, int status, String message) {
        super(message);
        this.errorType = errorType;
        this.status = status;
    }

    static ApiException badData(String message) {
        return new ApiException("bad_data", 400, message);
    }

    /** Maps an error type to the status Prometheus answers it with. */
    static ApiException of(String errorType, String message) {
        int status = switch (errorType) {
            case "bad_data" -> 400;
            case "execution" -> 422;
            case "canceled", "timeout", "unavailable" -> 503;
            case "not_found" -> 404;
            default -> 500;
        };
        return new ApiException(errorType, status, message);
    }

    String errorType() {
        return errorType;
    }

    int status() {
        return status;
    }
}
