package io.pharos.http.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses API parameters the way Prometheus does: timestamps and durations. */
final class ApiParams {
    /** Far enough apart for any real data, far enough from overflow for any arithmetic. */
    static final long MIN_TIME = Long.MIN_VALUE / 4;
    static final long MAX_TIME = Long.MAX_VALUE / 4;

    private static final Pattern DURATION = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};

    private ApiParams() {
    }

    /**
     * A timestamp in ms from Unix seconds (with fraction) or RFC 3339; {@code null} or empty gives
     * {@code dflt}.
     */
    static long time(String param, String value, long dflt) throws ApiException {
        if (value == null || value.isEmpty()) {
            return dflt;
        }
        try {
            BigDecimal seconds = new BigDecimal(value);
            // Prometheus keeps nanosecond precision, then truncates to milliseconds.
            return seconds.movePointRight(3).setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (NumberFormatException | ArithmeticException notANumber) {
            // fall through to RFC 3339
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiException.badData("invalid parameter \"" + param + "\": cannot parse \"" + value
                    + "\" to a valid timestamp");
        }
    }

    /** A duration in ms from seconds (with fraction) or a Prometheus duration such as {@code 1m30s}. */
    static long duration(String param, String value) throws ApiException {
        String bad = "invalid parameter \"" + param + "\": cannot parse \"" + value + "\" to a valid duration";
        if (value == null || value.isEmpty()) {
            throw ApiException.badData(bad);
        }
        try {
            BigDecimal seconds = new BigDecimal(value);
            BigDecimal ms = seconds.movePointRight(3);
            if (ms.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw ApiException.badData(bad + ": overflows");
            }
            return ms.setScale(0, RoundingMode.FLOOR).longValue();
        } catch (NumberFormatException notANumber) {
            // fall through to a duration string
        }
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw ApiException.badData(bad);
        }
        long total = 0;
        for (int i = 0; i < UNIT_MS.length; i++) {
            String g = m.group(i + 1);
            if (g != null) {
                total = Math.addExact(total, Math.multiplyExact(Long.parseLong(g), UNIT_MS[i]));
            }
        }
        return total;
    }
}
