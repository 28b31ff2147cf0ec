package io.pharos.storage;

import io.pharos.spi.storage.StorageException;

/** No primary storage backend is registered (e.g. its bundle is stopped). Retryable. */
public class StorageUnavailableException extends StorageException {
    private static final long serialVersionUID = 1L;

    public StorageUnavailableException() {
        super("storage unavailable: no primary storage backend is running", true);
    }
}
