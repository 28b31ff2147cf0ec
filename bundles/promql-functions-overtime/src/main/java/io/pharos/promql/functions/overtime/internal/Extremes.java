package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.RangeVector;

/** min/max_over_time and their ts_of_ variants, with Prometheus' comparison rules. */
final class Extremes {
    private Extremes() {
    }

    /**
     * The extreme value of a series (or its timestamp in seconds). A NaN so far is replaced by the
     * next value; the value variants keep the first of equal extremes, the timestamp variants the
     * last.
     */
    static double value(RangeVector m, int s, int n, boolean max, boolean timestamp) {
        double best = m.value(s, 0);
        long bestT = m.timestamp(s, 0);
        for (int i = 0; i < n; i++) {
            double cur = m.value(s, i);
            boolean better;
            if (timestamp) {
                better = max ? cur >= best : cur <= best;
            } else {
                better = max ? cur > best : cur < best;
            }
            if (better || Double.isNaN(best)) {
                best = cur;
                bestT = m.timestamp(s, i);
            }
        }
        return timestamp ? bestT / 1000.0 : best;
    }
}
