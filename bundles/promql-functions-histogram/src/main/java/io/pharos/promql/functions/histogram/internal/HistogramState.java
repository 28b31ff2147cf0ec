package io.pharos.promql.functions.histogram.internal;

import io.pharos.spi.promql.FunctionCall;

/**
 * The per-query state of one call site of a histogram function: its bucket grouping and its
 * monotonicity report, memoized so that the steps of a query reuse them.
 */
final class HistogramState {
    final BucketGroups groups = new BucketGroups();
    final Monotonicity monotonicity = new Monotonicity();

    /** The state of {@code call}'s call site, created at its first step. */
    static HistogramState of(FunctionCall call) {
        return call.memo(HistogramState.class, HistogramState::new);
    }
}
