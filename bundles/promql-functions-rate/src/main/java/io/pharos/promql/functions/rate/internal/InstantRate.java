package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.RangeVector;

/**
 * {@code irate} and {@code idelta}: from the last two samples of each series only. For
 * {@code irate} a decrease is a counter reset, so the increase is the last value itself.
 */
final class InstantRate {
    private InstantRate() {
    }

    static void evaluate(FunctionCall call, FunctionOutput out, boolean isRate) {
        RangeVector m = call.matrix(0);
        for (int s = 0, size = m.size(); s < size; s++) {
            int n = m.sampleCount(s);
            if (n < 2) {
                continue;
            }
            long interval = m.timestamp(s, n - 1) - m.timestamp(s, n - 2);
            if (interval == 0) {
                continue;
            }
            double prev = m.value(s, n - 2);
            double last = m.value(s, n - 1);
            double result = last;
            if (!isRate || !(last < prev)) {
                result = last - prev; // a gauge, a counter without reset, or NaN involved
            }
            if (isRate) {
                result /= (double) interval / 1000;
            }
            out.add(m.labels(s), result);
        }
    }
}
