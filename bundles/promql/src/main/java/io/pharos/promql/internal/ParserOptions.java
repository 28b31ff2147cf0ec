package io.pharos.promql.internal;

import java.util.Objects;

/**
 * The parser's feature switches (the parser options behind Prometheus' experimental
 * {@code --enable-feature} flags) and where it finds functions. All experimental features are off
 * by default, as in Prometheus.
 *
 * @param experimentalFunctions experimental functions and the {@code limitk}/{@code limit_ratio}
 *                              aggregations ({@code promql-experimental-functions})
 * @param durationExpressions arithmetic, parentheses, {@code step()}, {@code range()},
 *                            {@code min_of}, {@code max_of} in ranges, steps and offsets
 * @param extendedRangeSelectors the {@code anchored} and {@code smoothed} modifiers
 * @param fillModifiers the {@code fill}, {@code fill_left} and {@code fill_right} binary operator modifiers
 */
record ParserOptions(boolean experimentalFunctions, boolean durationExpressions, boolean extendedRangeSelectors,
        boolean fillModifiers, FunctionRegistry functions) {

    static final ParserOptions DEFAULT = new ParserOptions(false, false, false, false, FunctionRegistry.builtin());
    static final ParserOptions ALL_FEATURES = new ParserOptions(true, true, true, true, FunctionRegistry.builtin());

    ParserOptions {
        Objects.requireNonNull(functions, "functions");
    }

    ParserOptions withFunctions(FunctionRegistry registry) {
        return new ParserOptions(experimentalFunctions, durationExpressions, extendedRangeSelectors, fillModifiers,
                registry);
    }
}
