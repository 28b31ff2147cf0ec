package io.pharos.exposition;

/**
 * Parses sample values as Go's {@code strconv.ParseFloat(s, 64)} does, minus the hex and
 * underscore forms that Prometheus rejects. Decimals whose digits fit a double exactly are
 * converted with one correctly rounded multiply or divide (Clinger's fast path), without
 * allocating; the rest go through {@link Double#parseDouble}, which rounds correctly too, so both
 * paths give the double Go gives. One instance per parser: it keeps a scratch buffer.
 */
final class FloatParser {
    static final int OK = 0;
    static final int SYNTAX = 1;
    /** Go reports an overflow to infinity as an error (ErrRange); Prometheus fails the scrape. */
    static final int RANGE = 2;

    private static final long MAX_EXACT = 1L << 53;
    /** The powers of ten that a double holds exactly. */
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    private static final long[] LONG_POW10 = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
        10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L,
        10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L,
    };

    private char[] chars = new char[32];
    private double value;

    /** The value of the last successful {@link #parse}. */
    double value() {
        return value;
    }

    /** Parses {@code b[from, to)}; returns {@link #OK}, {@link #SYNTAX} or {@link #RANGE}. */
    int parse(byte[] b, int from, int to) {
        int i = from;
        if (i == to) {
            return SYNTAX;
        }
        boolean neg = false;
        boolean signed = false;
        if (b[i] == '+' || b[i] == '-') {
            neg = b[i] == '-';
            signed = true;
            if (++i == to) {
                return SYNTAX;
            }
        }
        byte c = b[i];
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            return special(b, i, to, neg, signed);
        }

        long mant = 0;
        int digits = 0;        // significant digits taken into mant
        int pendingZeros = 0;  // zeros seen after the last non-zero digit, not yet in mant
        int scale = 0;         // digits after the decimal point
        boolean sawDigit = false;
        boolean tooLong = false;
        boolean sawPoint = false;
        for (; i < to; i++) {
            c = b[i];
            if (c >= '0' && c <= '9') {
                sawDigit = true;
                if (sawPoint) {
                    scale++;
                }
                int d = c - '0';
                if (d == 0) {
                    if (digits > 0) {
                        pendingZeros++;
                    }
                } else if (!tooLong) {
                    digits += pendingZeros + 1;
                    if (digits > 18) {
                        tooLong = true;
                    } else {
                        mant = mant * LONG_POW10[pendingZeros] * 10 + d;
                        pendingZeros = 0;
                    }
                }
            } else if (c == '.' && !sawPoint) {
                sawPoint = true;
            } else {
                break;
            }
        }
        if (!sawDigit) {
            return SYNTAX;
        }
        int exp = 0;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean expNeg = false;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                expNeg = b[i] == '-';
                i++;
            }
            int e = readExponent(b, i, to);
            if (e < 0) {
                return SYNTAX;
            }
            exp = expNeg ? -e : e;
            i = to;
        }
        if (i != to) {
            return SYNTAX;
        }
        if (mant == 0) {
            value = neg ? -0.0 : 0.0;
            return OK;
        }
        if (!tooLong && mant <= MAX_EXACT) {
            int e = exp - scale + pendingZeros;
            double v = Double.NaN;
            if (e == 0) {
                v = mant;
            } else if (e > 0 && e <= 22) {
                v = mant * POW10[e];
            } else if (e < 0 && e >= -22) {
                v = mant / POW10[-e];
            } else if (e > 22 && e - 22 < LONG_POW10.length) {
                // 1234e25: shift some of the power into the mantissa while it stays exact.
                long p = LONG_POW10[e - 22];
                if (mant <= MAX_EXACT / p) {
                    v = (mant * p) * POW10[22];
                }
            }
            if (!Double.isNaN(v)) {
                value = neg ? -v : v;
                return OK;
            }
        }
        return slowPath(b, from, to);
    }

    /** Reads exponent digits (at least one) to {@code to}; -1 if malformed. Caps like Go. */
    private static int readExponent(byte[] b, int i, int to) {
        if (i == to) {
            return -1;
        }
        int exp = 0;
        for (; i < to; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            if (exp < 100_000) {
                exp = exp * 10 + (c - '0');
            }
        }
        return exp;
    }

    private int slowPath(byte[] b, int from, int to) {
        int n = to - from;
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        for (int k = 0; k < n; k++) {
            chars[k] = (char) b[from + k]; // validated ASCII
        }
        double v = Double.parseDouble(new String(chars, 0, n));
        if (Double.isInfinite(v)) {
            return RANGE;
        }
        value = v;
        return OK;
    }

    /** Go's spellings, case-insensitive: inf, infinity (both signed or not), nan (unsigned). */
    private int special(byte[] b, int i, int to, boolean neg, boolean signed) {
        int n = to - i;
        if ((n == 3 || n == 8) && equalsIgnoreCase(b, i, to, "infinity")) {
            value = neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return OK;
        }
        if (n == 3 && !signed && equalsIgnoreCase(b, i, to, "nan")) {
            value = Double.NaN;
            return OK;
        }
        return SYNTAX;
    }

    /** Whether {@code b[i, to)} equals a prefix of lower-case {@code word}, ignoring case. */
    private static boolean equalsIgnoreCase(byte[] b, int i, int to, String word) {
        if (to - i > word.length()) {
            return false;
        }
        for (int k = 0; i + k < to; k++) {
            if ((b[i + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
