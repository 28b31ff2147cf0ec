package io.pharos.promql.internal;

/**
 * How the engine evaluates queries: Prometheus' engine options and the experimental PromQL features
 * ({@code --enable-feature} flags), all off by default as in Prometheus.
 *
 * @param lookbackDeltaMs how far back an instant selector looks for a sample ({@code --query.lookback-delta})
 * @param subqueryStepMs the step of a subquery written without one ({@code [1h:]}): Prometheus uses its
 *                       global evaluation interval, 1 minute by default
 * @param timeoutMs the longest a query may run ({@code --query.timeout})
 * @param maxSamples the most samples a query may hold in memory ({@code --query.max-samples})
 * @param maxConcurrent how many queries run at once; further ones wait ({@code --query.max-concurrency})
 * @param experimentalFunctions {@code promql-experimental-functions}
 * @param durationExpressions {@code promql-duration-expr}
 * @param extendedRangeSelectors {@code promql-extended-range-selectors} (anchored and smoothed)
 * @param fillModifiers the {@code fill}, {@code fill_left} and {@code fill_right} binary operator modifiers
 * @param delayedNameRemoval {@code promql-delayed-name-removal}: drop {@code __name__} only when the
 *                           result is built, so that label functions and aggregations still see it
 * @param startTimestamps {@code use-start-timestamps}: selectors pass the samples' start timestamps to
 *                        functions ({@code rate}, {@code increase}, {@code irate}, {@code resets},
 *                        {@code start_timestamp}); off, they are ignored
 */
public record EngineSettings(long lookbackDeltaMs, long subqueryStepMs, long timeoutMs, long maxSamples,
        int maxConcurrent, boolean experimentalFunctions, boolean durationExpressions, boolean extendedRangeSelectors,
        boolean fillModifiers, boolean delayedNameRemoval, boolean startTimestamps) {

    public static final long DEFAULT_LOOKBACK_DELTA_MS = 5 * 60_000L;
    public static final long DEFAULT_SUBQUERY_STEP_MS = 60_000L;
    public static final long DEFAULT_TIMEOUT_MS = 2 * 60_000L;
    public static final long DEFAULT_MAX_SAMPLES = 50_000_000L;
    public static final int DEFAULT_MAX_CONCURRENT = 20;

    /** Prometheus' defaults: no experimental feature. */
    public static final EngineSettings DEFAULTS = new EngineSettings(DEFAULT_LOOKBACK_DELTA_MS, DEFAULT_SUBQUERY_STEP_MS,
            DEFAULT_TIMEOUT_MS, DEFAULT_MAX_SAMPLES, DEFAULT_MAX_CONCURRENT, false, false, false, false, false, false);

    public EngineSettings {
        lookbackDeltaMs = lookbackDeltaMs > 0 ? lookbackDeltaMs : DEFAULT_LOOKBACK_DELTA_MS;
        subqueryStepMs = subqueryStepMs > 0 ? subqueryStepMs : DEFAULT_SUBQUERY_STEP_MS;
        timeoutMs = timeoutMs > 0 ? timeoutMs : DEFAULT_TIMEOUT_MS;
        maxSamples = maxSamples > 0 ? maxSamples : DEFAULT_MAX_SAMPLES;
        maxConcurrent = maxConcurrent > 0 ? maxConcurrent : DEFAULT_MAX_CONCURRENT;
    }

    public EngineSettings withLookbackDelta(long ms) {
        return new EngineSettings(ms, subqueryStepMs, timeoutMs, maxSamples, maxConcurrent, experimentalFunctions,
                durationExpressions, extendedRangeSelectors, fillModifiers, delayedNameRemoval, startTimestamps);
    }

    public EngineSettings withTimeout(long ms) {
        return new EngineSettings(lookbackDeltaMs, subqueryStepMs, ms, maxSamples, maxConcurrent, experimentalFunctions,
                durationExpressions, extendedRangeSelectors, fillModifiers, delayedNameRemoval, startTimestamps);
    }

    public EngineSettings withMaxSamples(long n) {
        return new EngineSettings(lookbackDeltaMs, subqueryStepMs, timeoutMs, n, maxConcurrent, experimentalFunctions,
                durationExpressions, extendedRangeSelectors, fillModifiers, delayedNameRemoval, startTimestamps);
    }

    public EngineSettings withMaxConcurrent(int n) {
        return new EngineSettings(lookbackDeltaMs, subqueryStepMs, timeoutMs, maxSamples, n, experimentalFunctions,
                durationExpressions, extendedRangeSelectors, fillModifiers, delayedNameRemoval, startTimestamps);
    }

    public EngineSettings withSubqueryStep(long ms) {
        return new EngineSettings(lookbackDeltaMs, ms, timeoutMs, maxSamples, maxConcurrent, experimentalFunctions,
                durationExpressions, extendedRangeSelectors, fillModifiers, delayedNameRemoval, startTimestamps);
    }

    /**
     * Every experimental feature on or off (start timestamps included), as Prometheus' test harness
     * enables them.
     */
    public EngineSettings withAllFeatures(boolean on) {
        return new EngineSettings(lookbackDeltaMs, subqueryStepMs, timeoutMs, maxSamples, maxConcurrent, on, on, on, on,
                delayedNameRemoval, on);
    }

    public EngineSettings withExperimentalFunctions(boolean on) {
        return new EngineSettings(lookbackDeltaMs, subqueryStepMs, timeoutMs, maxSamples, maxConcurrent, on,
                durationExpressions, extendedRangeSelectors, fillModifiers, delayedNameRemoval, startTimestamps);
    }

    public EngineSettings withDelayedNameRemoval(boolean on) {
        return new EngineSettings(lookbackDeltaMs, subqueryStepMs, timeoutMs, maxSamples, maxConcurrent,
                experimentalFunctions, durationExpressions, extendedRangeSelectors, fillModifiers, on, startTimestamps);
    }

    public EngineSettings withStartTimestamps(boolean on) {
        return new EngineSettings(lookbackDeltaMs, subqueryStepMs, timeoutMs, maxSamples, maxConcurrent,
                experimentalFunctions, durationExpressions, extendedRangeSelectors, fillModifiers, delayedNameRemoval, on);
    }

    ParserOptions parserOptions(FunctionRegistry registry) {
        return new ParserOptions(experimentalFunctions, durationExpressions, extendedRangeSelectors, fillModifiers,
                registry);
    }
}
