package io.pharos.shell.internal;

import java.time.Duration;
import java.time.Instant;

/** How the commands print times and numbers. */
final class Format {
    private Format() {
    }

    /** Sample values as Prometheus prints them: integers without a fraction, {@code +Inf}, {@code NaN}. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** An instant in RFC 3339, or {@code never}. */
    static String instant(Instant t) {
        return t == null ? "never" : t.toString();
    }

    /** A duration in the largest fitting unit: {@code 1m}, {@code 2h30m}, {@code 12.345ms}, {@code 0s}. */
    static String duration(Duration d) {
        long ns = d.toNanos();
        if (ns == 0) {
            return "0s";
        }
        if (ns < 1_000_000_000L) {
            return String.format(java.util.Locale.ROOT, "%.3fms", ns / 1e6);
        }
        StringBuilder sb = new StringBuilder();
        long s = d.getSeconds();
        if (s >= 3600) {
            sb.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            sb.append(s % 3600 / 60).append('m');
        }
        if (s % 60 != 0 || sb.length() == 0) {
            sb.append(s % 60).append('s');
        }
        return sb.toString();
    }
}
