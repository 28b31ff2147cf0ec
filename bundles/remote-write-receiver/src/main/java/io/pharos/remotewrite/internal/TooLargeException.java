package io.pharos.remotewrite.internal;

/** A request larger than the configured limits (HTTP 413). The message names the limit. */
final class TooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
        super(message);
    }
}
