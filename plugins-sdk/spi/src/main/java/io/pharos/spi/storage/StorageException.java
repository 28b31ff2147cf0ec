package io.pharos.spi.storage;

/**
 * A storage operation failed. {@link #retryable()} tells callers such as the remote-write receiver
 * whether the same request may succeed later (5xx) or never will (4xx).
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public StorageException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public StorageException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
