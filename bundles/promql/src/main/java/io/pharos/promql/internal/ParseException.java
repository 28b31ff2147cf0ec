package io.pharos.promql.internal;

/**
 * A query does not parse. The message has Prometheus' shape, {@code 1:8: parse error: reason},
 * with a 1-based line and a 1-based column counted in characters of that line.
 */
public final class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String reason;

    ParseException(String query, int pos, String reason) {
        this(query, lineAndLineStart(query, pos), reason);
    }

    /** Parser errors count the column in characters. */
    private ParseException(String query, int[] at, String reason) {
        this(at[0], query.codePointCount(at[1], at[2]) + 1, reason);
    }

    private ParseException(int line, int column, String reason) {
        super(line + ":" + column + ": parse error: " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the position prefix. */
    public String reason() {
        return reason;
    }

    /**
     * Where {@code pos} (clamped into the query) lies: {1-based line, index where that line starts,
     * the clamped position}. Callers count the column in their own unit.
     */
    static int[] lineAndLineStart(String query, int pos) {
        int p = Math.max(0, Math.min(pos, query.length()));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < p; i++) {
            if (query.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, lineStart, p};
    }
}
