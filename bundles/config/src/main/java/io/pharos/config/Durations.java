package io.pharos.config;

import io.pharos.spi.util.GoStrings;
import java.time.Duration;

/**
 * Prometheus durations ({@code model.Duration}): one or more {@code <integer><unit>} with the units
 * {@code y w d h m s ms}, largest first and each at most once, or a bare {@code 0}. A year is 365
 * days and a week 7 days; fractions ({@code 1.5s}) and signs are not allowed in configuration.
 */
public final class Durations {
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L,
    };
    /** Prometheus keeps durations as int64 nanoseconds; anything larger is out of range there. */
    private static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000L;

    private Durations() {
    }

    /**
     * Parses a Prometheus duration.
     *
     * @throws IllegalArgumentException {@code not a valid duration string: "x"}, or
     *     {@code duration out of range: "x"} beyond Prometheus' 292 years
     */
    public static Duration parse(String s) {
        if (s == null) {
            throw invalid("");
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(s);
        }
        long total = 0;
        int lastUnit = -1;
        int pos = 0;
        while (pos < s.length()) {
            int digitsStart = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == digitsStart || pos == s.length()) {
                throw invalid(s);
            }
            String digits = s.substring(digitsStart, pos);
            int unit = unitAt(s, pos);
            if (unit <= lastUnit) {
                throw invalid(s); // unknown unit (-1), repeated, or out of descending order
            }
            pos += UNITS[unit].length();
            lastUnit = unit;
            try {
                total = Math.addExact(total, Math.multiplyExact(Long.parseLong(digits), UNIT_MILLIS[unit]));
            } catch (ArithmeticException | NumberFormatException e) {
                throw outOfRange(s);
            }
        }
        if (total > MAX_MILLIS) {
            throw outOfRange(s);
        }
        return Duration.ofMillis(total);
    }

    /**
     * Formats like Prometheus: the largest units first, {@code 0s} for zero, and years or weeks only
     * when they divide the duration exactly (so 90 days stays {@code 90d}, not {@code 12w6d}).
     * Anything below a millisecond is dropped.
     */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < UNITS.length; i++) {
            boolean exactOnly = i < 2;
            if (exactOnly && ms % UNIT_MILLIS[i] != 0) {
                continue;
            }
            long v = ms / UNIT_MILLIS[i];
            if (v > 0) {
                sb.append(v).append(UNITS[i]);
                ms -= v * UNIT_MILLIS[i];
            }
        }
        return sb.toString();
    }

    /** The index of the unit that starts at {@code pos}, or -1. {@code ms} wins over {@code m}. */
    private static int unitAt(String s, int pos) {
        if (s.startsWith("ms", pos)) {
            return 6;
        }
        for (int i = 0; i < 6; i++) {
            if (s.startsWith(UNITS[i], pos)) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException invalid(String s) {
        return new IllegalArgumentException("not a valid duration string: " + GoStrings.quote(s));
    }

    private static IllegalArgumentException outOfRange(String s) {
        return new IllegalArgumentException("duration out of range: " + GoStrings.quote(s));
    }
}
