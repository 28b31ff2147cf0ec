package io.pharos.promql.internal;

/**
 * Durations as Prometheus reads and prints them ({@code model.ParseDuration} and
 * {@code model.Duration.String} of prometheus/common): units y w d h m s ms, largest first, each at
 * most once; printed in milliseconds precision with years and weeks only when they divide evenly.
 */
final class Durations {
    private static final long NS_PER_MS = 1_000_000L;
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_NS = {
        365L * 24 * 3600 * 1_000_000_000L, 7L * 24 * 3600 * 1_000_000_000L, 24L * 3600 * 1_000_000_000L,
        3600L * 1_000_000_000L, 60L * 1_000_000_000L, 1_000_000_000L, NS_PER_MS};
    private static final long[] PRINT_MS = {365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000,
        3600L * 1000, 60L * 1000, 1000L, 1L};

    private Durations() {
    }

    /** A failed parse; the message is Prometheus'. */
    static final class DurationException extends Exception {
        private static final long serialVersionUID = 1L;

        DurationException(String message) {
            super(message, null, false, false);
        }
    }

    /** Nanoseconds of a duration such as {@code 1h30m}. */
    static long parseNanos(String s) throws DurationException {
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw new DurationException("empty duration string");
        }
        long total = 0; // unsigned
        int lastUnit = -1;
        int i = 0;
        while (i < s.length()) {
            int digits = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == digits) {
                throw invalid(s);
            }
            long v;
            try {
                v = Long.parseUnsignedLong(s.substring(digits, i));
            } catch (NumberFormatException e) {
                throw invalid(s);
            }
            int unitStart = i;
            while (i < s.length() && !isDigit(s.charAt(i))) {
                i++;
            }
            if (i == unitStart) {
                throw invalid(s);
            }
            String unit = s.substring(unitStart, i);
            int u = unitIndex(unit);
            if (u < 0) {
                throw new DurationException("unknown unit " + GoStrings.quote(unit) + " in duration " + GoStrings.quote(s));
            }
            if (u <= lastUnit) { // units must go from the largest to the smallest
                throw invalid(s);
            }
            lastUnit = u;
            if (Long.compareUnsigned(v, Long.divideUnsigned(Long.MIN_VALUE, UNIT_NS[u])) > 0) {
                throw new DurationException("duration out of range");
            }
            total += v * UNIT_NS[u];
            if (total < 0) { // above 2^63 - 1 as unsigned
                throw new DurationException("duration out of range");
            }
        }
        return total;
    }

    /** {@code time.Duration.Seconds()}: exact whole seconds plus the fraction. */
    static double seconds(long nanos) {
        return (double) (nanos / 1_000_000_000L) + (double) (nanos % 1_000_000_000L) / 1e9;
    }

    /** Milliseconds of a duration given in seconds, as Prometheus rounds it to nanoseconds first. */
    static long secondsToMillis(double seconds) {
        return (long) GoNumbers.round(seconds * 1e9) / NS_PER_MS;
    }

    /** {@code model.Duration(ms).String()}; "0s" for zero, "" for negative (callers print the sign). */
    static String format(long ms) {
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < UNITS.length; i++) {
            long mult = PRINT_MS[i];
            if (i < 2 && ms % mult != 0) {
                continue; // years and weeks only when exact: 90d reads better than 12w6d
            }
            long v = ms / mult;
            if (v > 0) {
                sb.append(v).append(UNITS[i]);
                ms -= v * mult;
            }
        }
        return sb.toString();
    }

    /** A possibly negative duration, with a leading minus when negative. */
    static String formatSigned(long ms) {
        return ms < 0 ? "-" + format(-ms) : format(ms);
    }

    private static int unitIndex(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return i;
            }
        }
        return -1;
    }

    private static DurationException invalid(String s) {
        return new DurationException("not a valid duration string: " + GoStrings.quote(s));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
