package io.pharos.promql.notation;

import java.util.regex.Pattern;

/** Numbers and durations as promqltest scripts write them. */
public final class ScriptNumbers {
    // Checked before Double.parseDouble, which would also accept "1d", "0x1p3" or "Infinity".
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern HEX = Pattern.compile("([+-]?)0[xX]([0-9a-fA-F]+)");
    private static final Pattern PLAIN_SECONDS = Pattern.compile("\\d+(?:\\.\\d+)?");
    /** Duration units, longest first in the order they must appear ({@code 1h30m}, never {@code 30m1h}). */
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MS = {365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000,
        60_000, 1000, 1};

    private ScriptNumbers() {
    }

    /**
     * A float as Go's ParseFloat reads the sample values of the format: decimal with optional
     * exponent ({@code .8}, {@code 2.}, {@code 12.34e-6}), and {@code Inf}/{@code NaN} in any case,
     * with an optional sign.
     *
     * @throws NumberFormatException for anything else
     */
    public static double parseFloat(String s) {
        String body = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        boolean negative = s.startsWith("-");
        if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (body.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw new NumberFormatException("not a number: \"" + s + "\"");
        }
        return Double.parseDouble(s);
    }

    /**
     * A bare number on an expected-result line (a scalar), or null when the line is not a number.
     * Besides floats this accepts hexadecimal integers ({@code 0x1F}), as Prometheus' runner tries an
     * integer parse first. Inside series values hex is not allowed: there {@code 0x10} is "0 eleven
     * times".
     */
    public static Double parseScalarLine(String s) {
        var hex = HEX.matcher(s);
        if (hex.matches()) {
            double v = new java.math.BigInteger(hex.group(2), 16).doubleValue();
            return hex.group(1).equals("-") ? -v : v;
        }
        try {
            return parseFloat(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A duration in ms: {@code 0}, unit sequences such as {@code 5m}, {@code 1h30m}, {@code 10s53ms}
     * (units y, w, d, h, m, s, ms, each at most once and in that order), or plain seconds
     * ({@code 20}, {@code 1.5}).
     *
     * @throws IllegalArgumentException if it is none of these
     */
    public static long parseDurationMs(String s) {
        if (PLAIN_SECONDS.matcher(s).matches()) {
            return Math.round(Double.parseDouble(s) * 1000);
        }
        long total = 0;
        int i = 0;
        int lastUnit = -1;
        while (i < s.length()) {
            int digitsStart = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == digitsStart) {
                throw new IllegalArgumentException("invalid duration \"" + s + "\"");
            }
            long n = Long.parseLong(s.substring(digitsStart, i));
            int unit = unitAt(s, i);
            if (unit < 0 || unit <= lastUnit) {
                throw new IllegalArgumentException("invalid duration \"" + s + "\"");
            }
            i += UNITS[unit].length();
            lastUnit = unit;
            total = Math.addExact(total, Math.multiplyExact(n, UNIT_MS[unit]));
        }
        if (lastUnit < 0) {
            throw new IllegalArgumentException("invalid duration \"" + s + "\"");
        }
        return total;
    }

    /** The index into {@link #UNITS} of the unit at {@code i}, or -1. "ms" wins over "m". */
    public static int unitAt(String s, int i) {
        if (s.startsWith("ms", i)) {
            return 6;
        }
        for (int u = 0; u < 6; u++) {
            if (s.startsWith(UNITS[u], i)) {
                return u;
            }
        }
        return -1;
    }

    /** The ms of unit {@code index} (see {@link #unitAt}). */
    public static long unitMs(int index) {
        return UNIT_MS[index];
    }

    /** The length of unit {@code index} in characters. */
    public static int unitLength(int index) {
        return UNITS[index].length();
    }
}
