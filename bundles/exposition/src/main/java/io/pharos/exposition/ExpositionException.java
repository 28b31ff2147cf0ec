package io.pharos.exposition;

/** A body that does not follow the exposition format; the message starts with {@code line N: }. */
public final class ExpositionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    public ExpositionException(int line, String detail) {
        super("line " + line + ": " + detail);
        this.line = line;
    }

    /** The 1-based line of the input where the error is. */
    public int line() {
        return line;
    }
}
