package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.util.StartTimestamps;

/**
 * {@code irate} and {@code idelta}: from the last two samples of each series only. For
 * {@code irate} a decrease is a counter reset, so the increase is the last value itself; so is a
 * last sample whose start timestamp says its counting began after the previous sample (a delta).
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
            long prevT = m.timestamp(s, n - 2);
            long lastT = m.timestamp(s, n - 1);
            long interval = lastT - prevT;
            if (interval == 0) {
                continue;
            }
            double prev = m.value(s, n - 2);
            double last = m.value(s, n - 1);
            double result = last;
            boolean reset = isRate && (last < prev
                    || StartTimestamps.isReset(m.startTimestamp(s, n - 2), prevT, m.startTimestamp(s, n - 1), lastT));
            if (!reset) {
                result = last - prev; // a gauge, a counter without reset, or NaN involved
            }
            if (isRate) {
                result /= (double) interval / 1000;
            }
            out.add(m.labels(s), result);
        }
    }
}
