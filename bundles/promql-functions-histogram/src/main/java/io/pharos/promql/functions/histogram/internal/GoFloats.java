package io.pharos.promql.functions.histogram.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Go's float parsing and formatting where Prometheus' output depends on them. */
final class GoFloats {
    private GoFloats() {
    }

    /**
     * Go's {@code strconv.ParseFloat(s, 64)}, or NaN with {@code ok[0] = false} when Go reports an
     * error: decimal and hexadecimal ({@code 0x1p-2}) forms, optional sign, {@code inf},
     * {@code infinity} and {@code nan} in any case (no sign on nan), underscores only between digits
     * of a prefixed number, and out-of-range values rejected.
     */
    static double parse(String s, boolean[] ok) {
        ok[0] = false;
        if (s == null || s.isEmpty()) {
            return Double.NaN;
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        String rest = s.substring(i);
        if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
            ok[0] = true;
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (rest.equalsIgnoreCase("nan")) {
            ok[0] = i == 0;
            return Double.NaN;
        }
        boolean hex = rest.length() > 1 && rest.charAt(0) == '0' && (rest.charAt(1) == 'x' || rest.charAt(1) == 'X');
        String body = rest;
        if (rest.indexOf('_') >= 0) {
            if (!hex || !underscoresOk(rest)) {
                return Double.NaN;
            }
            body = rest.replace("_", "");
        }
        boolean valid = hex
                ? body.matches("0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+")
                : body.matches("(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
        if (!valid) {
            return Double.NaN;
        }
        double v = Double.parseDouble(body);
        if (Double.isInfinite(v)) {
            return Double.NaN; // Go: ErrRange
        }
        ok[0] = true;
        return negative ? -v : v;
    }

    /** Go's rule: each underscore sits between digits, or right after the base prefix. */
    private static boolean underscoresOk(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '_') {
                continue;
            }
            boolean afterPrefix = i == 2;
            boolean afterDigit = i > 0 && Character.digit(s.charAt(i - 1), 16) >= 0 && i > 2;
            boolean beforeDigit = i + 1 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0;
            if (!(afterPrefix || afterDigit) || !beforeDigit) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code %g}: the shortest digits that read back as {@code v}. */
    static String g(double v) {
        return g(v, -1);
    }

    /** Go's {@code strconv.FormatFloat(v, 'g', precision, 64)}; -1 for the shortest form. */
    static String g(double v, int precision) {
        if (Double.isNaN(v)) {
            return "NaN";
        } else if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        String sign = Double.doubleToRawLongBits(v) < 0 ? "-" : "";
        if (v == 0) {
            return sign + "0";
        }
        double abs = Math.abs(v);
        BigDecimal exact = new BigDecimal(abs);
        BigDecimal digits;
        if (precision < 0) {
            digits = exact;
            for (int p = 1; p <= 17; p++) {
                BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
                if (Double.parseDouble(r.toString()) == abs) {
                    digits = r;
                    break;
                }
            }
        } else {
            digits = exact.round(new MathContext(Math.max(precision, 1), RoundingMode.HALF_EVEN));
        }
        digits = digits.stripTrailingZeros();
        String d = digits.unscaledValue().toString();
        int exp = d.length() - digits.scale() - 1;
        int eprec = precision < 0 ? 6 : Math.max(precision, 1);
        if (precision >= 0 && eprec > d.length() && d.length() >= exp + 1) {
            eprec = d.length();
        }
        StringBuilder sb = new StringBuilder(sign);
        if (exp < -4 || exp >= eprec) {
            sb.append(d.charAt(0));
            if (d.length() > 1) {
                sb.append('.').append(d, 1, d.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int e = Math.abs(exp);
            return sb.append(e < 10 ? "0" : "").append(e).toString();
        }
        if (exp < 0) {
            sb.append("0.");
            for (int i = -1; i > exp; i--) {
                sb.append('0');
            }
            return sb.append(d).toString();
        }
        if (d.length() <= exp + 1) {
            sb.append(d);
            for (int i = d.length(); i <= exp; i++) {
                sb.append('0');
            }
            return sb.toString();
        }
        return sb.append(d, 0, exp + 1).append('.').append(d, exp + 1, d.length()).toString();
    }

    /** Prometheus' {@code labels.FormatOpenMetricsFloat}: {@code %g}, with ".0" added to integers. */
    static String openMetrics(double v) {
        String s = g(v);
        if (Double.isNaN(v) || Double.isInfinite(v) || s.indexOf('e') >= 0 || s.indexOf('.') >= 0) {
            return s;
        }
        return s + ".0";
    }
}
