package io.pharos.promql.internal;

/**
 * One lexed token.
 *
 * @param kind what it is
 * @param pos index of its first character in the query
 * @param text its text as written (strings with their quotes)
 * @param value the unquoted value of a string token, else null
 */
record Token(TokenKind kind, int pos, String text, String value) {

    /** Index just after the token. */
    int end() {
        return pos + text.length();
    }

    /**
     * How error messages name this token, as Prometheus does: {@code <op:+>}, {@code "("},
     * {@code identifier "foo"}, {@code end of input}.
     */
    String describe() {
        return switch (kind.category()) {
            case OPERATOR -> "<op:" + text + ">";
            case AGGREGATOR -> "<aggr:" + text + ">";
            case KEYWORD -> "<" + text + ">";
            case PUNCTUATION, PREPROCESSOR -> GoStrings.quote(text);
            case OTHER -> switch (kind) {
                case EOF -> "end of input";
                case IDENTIFIER -> "identifier " + GoStrings.quote(text);
                case METRIC_IDENTIFIER -> "metric identifier " + GoStrings.quote(text);
                case NUMBER -> "number " + GoStrings.quoteTruncated(text, 10);
                case DURATION -> "duration " + GoStrings.quoteTruncated(text, 10);
                case STRING -> "string " + GoStrings.quoteTruncated(text, 10);
                default -> kind.name();
            };
        };
    }
}
