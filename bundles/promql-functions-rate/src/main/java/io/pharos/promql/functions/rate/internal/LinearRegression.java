package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.util.KahanSum;

/**
 * Least-squares linear regression of a series' values over time (seconds), with Kahan-compensated
 * sums as in Prometheus. Times are taken relative to {@code interceptTime} to keep precision.
 */
final class LinearRegression {
    private LinearRegression() {
    }

    /** The slope, in units per second. */
    static double slope(RangeVector m, int s, int n, long interceptTime) {
        return fit(m, s, n, interceptTime, false, 0);
    }

    /** The fitted value {@code seconds} after {@code interceptTime}. */
    static double predict(RangeVector m, int s, int n, long interceptTime, double seconds) {
        return fit(m, s, n, interceptTime, true, seconds);
    }

    private static double fit(RangeVector m, int s, int n, long interceptTime, boolean predict, double seconds) {
        double count = 0;
        double sumX = 0;
        double cX = 0;
        double sumY = 0;
        double cY = 0;
        double sumXY = 0;
        double cXY = 0;
        double sumX2 = 0;
        double cX2 = 0;
        double initY = m.value(s, 0);
        boolean constY = true;
        for (int i = 0; i < n; i++) {
            double y = m.value(s, i);
            if (constY && i > 0 && y != initY) {
                constY = false;
            }
            count += 1.0;
            double x = (double) (m.timestamp(s, i) - interceptTime) / 1e3;
            cX = KahanSum.compensate(x, sumX, cX);
            sumX += x;
            cY = KahanSum.compensate(y, sumY, cY);
            sumY += y;
            double xy = x * y;
            cXY = KahanSum.compensate(xy, sumXY, cXY);
            sumXY += xy;
            double x2 = x * x;
            cX2 = KahanSum.compensate(x2, sumX2, cX2);
            sumX2 += x2;
        }
        double slope;
        double intercept;
        if (constY) {
            // a flat line; the general formula would lose precision (and gives NaN for infinities)
            slope = Double.isInfinite(initY) ? Double.NaN : 0;
            intercept = Double.isInfinite(initY) ? Double.NaN : initY;
        } else {
            sumX += cX;
            sumY += cY;
            sumXY += cXY;
            sumX2 += cX2;
            double covXY = sumXY - sumX * sumY / count;
            double varX = sumX2 - sumX * sumX / count;
            slope = covXY / varX;
            intercept = sumY / count - slope * sumX / count;
        }
        return predict ? slope * seconds + intercept : slope;
    }
}
