package io.pharos.promql.functions.time.internal;

/**
 * Calendar fields of a Unix time in UTC, proleptic Gregorian, as Go's {@code time} package reports
 * them. Computed arithmetically on {@code long} seconds (no allocation, any year).
 */
final class GoTime {
    private static final int SECONDS_PER_DAY = 86_400;
    private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    private GoTime() {
    }

    /**
     * Go's {@code int64(f)} on amd64: truncation toward zero, and the "integer indefinite"
     * {@code Long.MIN_VALUE} for NaN and values out of range (Java would saturate or give 0).
     */
    static long truncate(double f) {
        if (Double.isNaN(f) || f >= 0x1p63 || f < -0x1p63) {
            return Long.MIN_VALUE;
        }
        return (long) f;
    }

    static int hour(long sec) {
        return (int) (Math.floorMod(sec, SECONDS_PER_DAY) / 3600);
    }

    static int minute(long sec) {
        return (int) (Math.floorMod(sec, SECONDS_PER_DAY) % 3600 / 60);
    }

    /** 0 for Sunday; 1970-01-01 was a Thursday. */
    static int dayOfWeek(long sec) {
        return (int) Math.floorMod(days(sec) + 4, 7);
    }

    static long year(long sec) {
        return civil(sec) >> 9;
    }

    static int month(long sec) {
        return (int) (civil(sec) >> 5) & 15;
    }

    static int dayOfMonth(long sec) {
        return (int) civil(sec) & 31;
    }

    static int dayOfYear(long sec) {
        long c = civil(sec);
        int m = (int) (c >> 5) & 15;
        return DAYS_BEFORE_MONTH[m - 1] + ((int) c & 31) + (m > 2 && isLeap(c >> 9) ? 1 : 0);
    }

    static int daysInMonth(long sec) {
        long c = civil(sec);
        int m = (int) (c >> 5) & 15;
        if (m == 2) {
            return isLeap(c >> 9) ? 29 : 28;
        }
        return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
    }

    static boolean isLeap(long year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static long days(long sec) {
        return Math.floorDiv(sec, SECONDS_PER_DAY);
    }

    /**
     * The date by the era algorithm (400-year cycles counted from 0000-03-01), exact for every
     * {@code long} second count, packed without allocating: {@code year * 512 + month * 32 + day}.
     */
    private static long civil(long sec) {
        long z = days(sec) + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        return y * 512 + m * 32 + d;
    }
}
