package io.pharos.promql.functions.overtime.internal;

/**
 * Prometheus' Kahan-Neumaier summation step, split so that callers keep sum and compensation in
 * locals (no allocation): {@code c = Kahan.compensate(x, sum, c); sum += x;}. Summing in this order
 * matches Prometheus' results bit for bit.
 */
final class Kahan {
    private Kahan() {
    }

    /** The compensation after adding {@code inc} to {@code sum}; zero once the sum overflows. */
    static double compensate(double inc, double sum, double c) {
        double t = sum + inc;
        if (Double.isInfinite(t)) {
            return 0;
        } else if (Math.abs(sum) >= Math.abs(inc)) {
            return c + ((sum - t) + inc);
        }
        return c + ((inc - t) + sum);
    }
}
