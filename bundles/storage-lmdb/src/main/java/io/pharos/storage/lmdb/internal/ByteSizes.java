package io.pharos.storage.lmdb.internal;

import java.util.Locale;

/** Byte sizes as Prometheus' flags take them: a number and a unit B, KB, MB, GB, TB, PB or EB (powers of 1024). */
public final class ByteSizes {
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};

    private ByteSizes() {
    }

    /** Parses e.g. {@code 512MB} or {@code 0}; throws IllegalArgumentException naming the text. */
    public static long parse(String text) {
        String s = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (s.equals("0")) {
            return 0;
        }
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("not a byte size: \"" + text + "\" (e.g. 512MB, 10GB)");
        }
        String unit = s.substring(i);
        for (int u = 0; u < UNITS.length; u++) {
            if (UNITS[u].equals(unit)) {
                long n = Long.parseLong(s.substring(0, i));
                long max = Long.MAX_VALUE >> (10 * u);
                if (n > max) {
                    throw new IllegalArgumentException("byte size out of range: \"" + text + "\"");
                }
                return n << (10 * u);
            }
        }
        throw new IllegalArgumentException("unknown unit in byte size \"" + text + "\": use B, KB, MB, GB, TB, PB or EB");
    }
}
