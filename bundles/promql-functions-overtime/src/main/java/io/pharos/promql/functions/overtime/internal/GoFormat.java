package io.pharos.promql.functions.overtime.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Go's {@code %g} formatting of a float64 (shortest digits), for messages worded as Prometheus' own. */
final class GoFormat {
    private GoFormat() {
    }

    static String g(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        } else if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        } else if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        }
        double abs = Math.abs(v);
        BigDecimal exact = new BigDecimal(abs);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(r.toString()) == abs) {
                shortest = r;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int exp = digits.length() - shortest.scale() - 1; // decimal exponent of the first digit
        StringBuilder sb = new StringBuilder(24);
        if (v < 0) {
            sb.append('-');
        }
        if (exp < -4 || exp >= 6) { // %e, as Go's shortest %g decides
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int e = Math.abs(exp);
            if (e < 10) {
                sb.append('0');
            }
            return sb.append(e).toString();
        }
        if (exp < 0) {
            sb.append("0.");
            for (int i = -1; i > exp; i--) {
                sb.append('0');
            }
            return sb.append(digits).toString();
        }
        if (digits.length() <= exp + 1) {
            sb.append(digits);
            for (int i = digits.length(); i <= exp; i++) {
                sb.append('0');
            }
            return sb.toString();
        }
        return sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length()).toString();
    }
}
