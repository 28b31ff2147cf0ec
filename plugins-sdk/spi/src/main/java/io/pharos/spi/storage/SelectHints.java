package io.pharos.spi.storage;

/**
 * What a query will do with the series it selects, so that a backend can read less.
 *
 * @param start first timestamp the query needs (ms)
 * @param end last timestamp the query needs (ms)
 * @param step evaluation step of a range query in ms, 0 for an instant query
 * @param function the function the selector is wrapped in (e.g. {@code rate}), or empty
 * @param range the range of a range selector in ms, 0 for an instant selector
 * @param seriesOnly true when only labels are needed, no samples (e.g. the series API)
 */
public record SelectHints(long start, long end, long step, String function, long range, boolean seriesOnly) {
    public SelectHints {
        function = function == null ? "" : function;
    }

    public static SelectHints of(long start, long end) {
        return new SelectHints(start, end, 0, "", 0, false);
    }
}
