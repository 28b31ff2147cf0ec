package io.pharos.promql.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number formatting and rounding as Go does it, because Prometheus prints queries and error
 * messages with Go's {@code strconv} and {@code fmt}: shortest round-tripping digits, {@code +Inf},
 * {@code NaN}, and rounding half away from zero.
 */
final class GoNumbers {
    private GoNumbers() {
    }

    /** {@code math.Round}: to the nearest integer, halves away from zero. */
    static double round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double t = Math.floor(Math.abs(x));
        if (Math.abs(x) - t >= 0.5) {
            t += 1;
        }
        return Math.copySign(t, x);
    }

    /** {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest digits, never an exponent. */
    static String formatF(double v) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (v == 0) {
            return isNegativeZero(v) ? "-0" : "0";
        }
        return shortest(v).toPlainString();
    }

    /**
     * {@code fmt.Sprint(v)} ({@code %v}, Go's shortest {@code %g}): shortest digits, in exponent form
     * when the decimal exponent is below -4 or at least 6 ({@code 1e+06}).
     */
    static String formatV(double v) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (v == 0) {
            return isNegativeZero(v) ? "-0" : "0";
        }
        BigDecimal d = shortest(v);
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String digits = d.unscaledValue().abs().toString();
            StringBuilder sb = new StringBuilder();
            if (d.signum() < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            return sb.append(abs).toString();
        }
        return d.toPlainString();
    }

    /** {@code fmt.Sprintf("%f", v)}: six decimals, {@code +Inf}, {@code NaN}. */
    static String formatFixed6(double v) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        return new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return null;
    }

    private static boolean isNegativeZero(double v) {
        return Double.doubleToRawLongBits(v) == Long.MIN_VALUE;
    }

    /**
     * The decimal with the fewest significant digits that reads back as {@code v}. Java 17's
     * {@code Double.toString} is not always the shortest, so digits are added until it round-trips.
     */
    private static BigDecimal shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == v) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
