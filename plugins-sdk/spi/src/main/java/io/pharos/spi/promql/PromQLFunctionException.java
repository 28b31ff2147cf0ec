package io.pharos.spi.promql;

/** A function met input it cannot evaluate; the query fails with {@code errorType: execution}. */
public class PromQLFunctionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PromQLFunctionException(String message) {
        super(message);
    }
}
