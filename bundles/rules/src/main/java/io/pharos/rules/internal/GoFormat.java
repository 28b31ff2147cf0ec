package io.pharos.rules.internal;

import io.pharos.spi.model.Labels;
import io.pharos.spi.util.GoStrings;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Values printed as promtool's Go code prints them, so that its messages read the same. */
final class GoFormat {
    private static final Pattern LEGACY_LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private GoFormat() {
    }

    /** Go's {@code labels.Labels.String()}: {@code {__name__="up", job="a"}}, the name as a label. */
    static String labels(Labels l) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String n = l.name(i);
            sb.append(LEGACY_LABEL.matcher(n).matches() ? n : GoStrings.quote(n)).append('=')
                    .append(GoStrings.quote(l.value(i)));
        }
        return sb.append('}').toString();
    }

    /** {@code strconv.FormatFloat(v, 'E', -1, 64)}: the shortest digits, {@code 1.5E+01}, {@code 6E+01}. */
    static String floatE(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0E+00";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale();
        StringBuilder sb = new StringBuilder(v < 0 ? "-" : "");
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('E').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
            sb.append('0');
        }
        return sb.append(a).toString();
    }

    /** Go's {@code time.Duration.String()} of whole milliseconds: {@code 0s}, {@code 1m0s}, {@code 1h0m30.5s}. */
    static String goDuration(long ms) {
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder(ms < 0 ? "-" : "");
        long a = Math.abs(ms);
        if (a < 1000) {
            return sb.append(a).append("ms").toString();
        }
        long h = a / 3_600_000;
        long m = a / 60_000 % 60;
        long s = a / 1000 % 60;
        long frac = a % 1000;
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        sb.append(s);
        if (frac > 0) {
            String f = String.format("%03d", frac).replaceAll("0+$", "");
            sb.append('.').append(f);
        }
        return sb.append('s').toString();
    }
}
