package io.pharos.spi.promql.util;

/**
 * Prometheus' Kahan-Neumaier summation step, split so that callers keep sum and compensation in
 * locals (no allocation per sample):
 *
 * <pre>{@code
 * double sum = 0;
 * double c = 0;
 * for (double x : values) {
 *     c = KahanSum.compensate(x, sum, c);
 *     sum += x;
 * }
 * return sum + c;
 * }</pre>
 *
 * Summing in this order matches Prometheus' results bit for bit ({@code sum_over_time},
 * {@code avg_over_time}, the variance functions, linear regression).
 */
public final class KahanSum {
    private KahanSum() {
    }

    /**
     * The compensation after adding {@code inc} to {@code sum}, given the compensation {@code c}
     * so far; zero once the sum overflows.
     */
    public static double compensate(double inc, double sum, double c) {
        double t = sum + inc;
        if (Double.isInfinite(t)) {
            return 0;
        } else if (Math.abs(sum) >= Math.abs(inc)) {
            return c + ((sum - t) + inc);
        }
        return c + ((inc - t) + sum);
    }
}
