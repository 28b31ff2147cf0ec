package io.pharos.remotewrite.internal;

/** A request body that cannot be decoded: bad snappy or protobuf. The message says what and where. */
final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    DecodeException(String message) {
        super(message);
    }
}
