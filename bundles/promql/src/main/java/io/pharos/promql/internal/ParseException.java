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
        super(format(query, pos, reason));
        int[] lc = lineAndColumn(query, pos);
        this.line = lc[0];
        this.column = lc[1];
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

    private static String format(String query, int pos, String reason) {
        int[] lc = lineAndColumn(query, pos);
        return lc[0] + ":" + lc[1] + ": parse error: " + reason;
    }

    private static int[] lineAndColumn(String query, int pos) {
        int p = Math.max(0, Math.min(pos, query.length()));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < p; i++) {
            if (query.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, query.codePointCount(lineStart, p) + 1};
    }
}
