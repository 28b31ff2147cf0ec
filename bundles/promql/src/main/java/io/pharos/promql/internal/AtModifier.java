package io.pharos.promql.internal;

/**
 * The {@code @} modifier of a selector or subquery: a fixed evaluation time, or the start or end of
 * the query's range ({@code @ start()}, {@code @ end()}).
 *
 * @param timestampMs the time for {@link Kind#TIMESTAMP}, milliseconds since the epoch; else 0
 */
record AtModifier(Kind kind, long timestampMs) {
    enum Kind { TIMESTAMP, START, END }

    static final AtModifier START = new AtModifier(Kind.START, 0);
    static final AtModifier END = new AtModifier(Kind.END, 0);

    static AtModifier timestamp(long ms) {
        return new AtModifier(Kind.TIMESTAMP, ms);
    }
}
