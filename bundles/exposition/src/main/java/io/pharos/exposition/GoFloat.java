package io.pharos.exposition;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly as Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}, which is what
 * Prometheus prints in the text format and in the JSON of its HTTP API: the shortest decimal that
 * reads back as the same double (the nearest one if several are that short), in {@code %e} form
 * when the decimal exponent is below -4 or at least 6 and in {@code %f} form otherwise;
 * infinities are {@code +Inf} and {@code -Inf}. Examples: {@code 1e+06}, {@code 123456},
 * {@code 1.5e-07}, {@code 0.0001}, {@code -0}.
 */
public final class GoFloat {
    private static final double TWO_53 = 0x1p53;
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final long[] LONG_POW10 = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
        10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L,
        10_000_000_000_000_000L, 100_000_000_000_000_000L,
    };

    private GoFloat() {
    }

    /** {@code v} as Go's {@code strconv.FormatFloat(v, 'g', -1, 64)} writes it. */
    public static String format(double v) {
        return append(new StringBuilder(24), v).toString();
    }

    /** Appends {@code v} as {@link #format} writes it, and returns {@code sb}. */
    public static StringBuilder append(StringBuilder sb, double v) {
        return append(sb, v, -4, 6);
    }

    /**
     * {@code v} as Prometheus' HTTP API writes sample values: the same shortest digits, in
     * {@code %f} form unless its magnitude is below 1e-6 or at least 1e21 ({@code 1e-07},
     * {@code 100000}, {@code 1e+21}).
     */
    public static String formatApiValue(double v) {
        return append(new StringBuilder(24), v, -6, 21).toString();
    }

    /** Uses {@code %e} form when the decimal exponent is below {@code minExp} or at least {@code maxExp}. */
    private static StringBuilder append(StringBuilder sb, double v, int minExp, int maxExp) {
        if (Double.isNaN(v)) {
            return sb.append("NaN");
        }
        if (Double.isInfinite(v)) {
            return sb.append(v > 0 ? "+Inf" : "-Inf");
        }
        if (Double.doubleToRawLongBits(v) < 0) {
            sb.append('-');
            v = -v;
        }
        if (v == 0) {
            return sb.append('0');
        }
        Digits d = shortest(v);
        int exp = d.point - 1;
        if (exp < minExp || exp >= maxExp) {
            sb.append(d.digits, 0, 1);
            if (d.digits.length() > 1) {
                sb.append('.').append(d.digits, 1, d.digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int abs = Math.abs(exp);
            if (abs < 10) {
                sb.append('0');
            }
            return sb.append(abs);
        }
        int n = d.digits.length();
        if (d.point <= 0) {
            sb.append('0');
        } else {
            for (int i = 0; i < d.point; i++) {
                sb.append(i < n ? d.digits.charAt(i) : '0');
            }
        }
        if (n > d.point) {
            sb.append('.');
            for (int i = d.point; i < n; i++) {
                sb.append(i < 0 ? '0' : d.digits.charAt(i));
            }
        }
        return sb;
    }

    /**
     * Significant digits without trailing zeros, and where the decimal point goes: the value is
     * {@code 0.digits * 10^point}.
     */
    private record Digits(String digits, int point) {
        static Digits of(String raw, int point) {
            int from = 0;
            while (from < raw.length() - 1 && raw.charAt(from) == '0') {
                from++;
                point--;
            }
            int to = raw.length();
            while (to > from + 1 && raw.charAt(to - 1) == '0') {
                to--;
            }
            return new Digits(raw.substring(from, to), point);
        }
    }

    /** The shortest round-tripping digits of a finite positive double, nearest among equals. */
    private static Digits shortest(double v) {
        if (v < TWO_53 && v == Math.rint(v)) {
            // Below 2^53 an integer's own digits are the shortest: no shorter decimal is within
            // half an ulp (at most 1/2) of it.
            String s = Long.toString((long) v);
            return Digits.of(s, s.length());
        }
        Digits java = fromJavaString(Double.toString(v));
        // Up to 15 significant digits, two decimals never read back as the same normal double,
        // so the round-tripping string of Double.toString is then the only one that short.
        if (java.digits.length() <= 15 && v >= Double.MIN_NORMAL) {
            return java;
        }
        return exactShortest(v);
    }

    /**
     * The search by exact arithmetic, for the doubles where Double.toString may be wrong (before
     * JDK 19 it is not always shortest nor nearest). A decimal reads back as {@code v} if it lies
     * between the midpoints to v's neighbours (on them too when v's mantissa is even, as ties
     * round to even). If a p-digit decimal does, so does a (p+1)-digit one, and the first that
     * does is one of the two p-digit neighbours of v's exact value, both cut from one floor of
     * v to 18 digits.
     */
    private static Digits exactShortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        BigDecimal low = exact.add(new BigDecimal(Math.nextDown(v))).multiply(HALF);
        BigDecimal high = exact.add(new BigDecimal(Math.ulp(v)).multiply(HALF));
        boolean inclusive = (Double.doubleToRawLongBits(v) & 1) == 0;

        BigDecimal floor = exact.round(new MathContext(18, RoundingMode.FLOOR));
        boolean sticky = floor.compareTo(exact) != 0;
        int shift = 18 - floor.precision();
        long d18 = floor.unscaledValue().longValueExact() * LONG_POW10[shift];
        int exp18 = -floor.scale() - shift; // v ~ d18 * 10^exp18

        // Normal doubles never share a decimal of up to 15 digits, so none shorter can fit.
        for (int p = v >= Double.MIN_NORMAL ? 15 : 1; p <= 17; p++) {
            long pow = LONG_POW10[18 - p];
            long down = d18 / pow;
            long rem = d18 % pow;
            int exp = exp18 + 18 - p;
            if (rem == 0 && !sticky) {
                return digits(down, exp); // v itself has p digits
            }
            boolean downFits = fits(down, exp, low, high, inclusive);
            boolean upFits = fits(down + 1, exp, low, high, inclusive);
            if (downFits && upFits) {
                long half = pow / 2;
                boolean up = rem > half || (rem == half && (sticky || (down & 1) == 1));
                return digits(up ? down + 1 : down, exp);
            } else if (downFits || upFits) {
                return digits(downFits ? down : down + 1, exp);
            }
        }
        throw new AssertionError("no 17-digit decimal reads back as " + v);
    }

    private static boolean fits(long m, int exp, BigDecimal low, BigDecimal high, boolean inclusive) {
        BigDecimal d = BigDecimal.valueOf(m, -exp);
        int lo = d.compareTo(low);
        int hi = d.compareTo(high);
        return (lo > 0 || (lo == 0 && inclusive)) && (hi < 0 || (hi == 0 && inclusive));
    }

    private static Digits digits(long m, int exp) {
        String s = Long.toString(m);
        return Digits.of(s, s.length() + exp);
    }

    /** Parses Double.toString's "123.45" or "1.2345E-7" forms. */
    private static Digits fromJavaString(String s) {
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int exp = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String raw = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        return Digits.of(raw, dot + exp);
    }
}
