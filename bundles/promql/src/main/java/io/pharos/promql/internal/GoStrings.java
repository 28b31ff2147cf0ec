package io.pharos.promql.internal;

/**
 * The Go formatting verbs Prometheus' parser errors use beyond plain quoting ({@code %#U},
 * {@code %.Nq}); quoting itself is the SPI's {@link io.pharos.spi.util.GoStrings}.
 */
final class GoStrings {
    /** What Go prints for the end-of-input rune. */
    static final int EOF_RUNE = 0xFFFD;

    private GoStrings() {
    }

    /** {@code %q} of a string. */
    static String quote(String s) {
        return io.pharos.spi.util.GoStrings.quote(s);
    }

    /** {@code %.Nq}: the first {@code max} characters quoted, then "..." if there were more. */
    static String quoteTruncated(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return quote(s);
        }
        return quote(s.substring(0, s.offsetByCodePoints(0, max))) + "...";
    }

    /** {@code %q} of a rune: single quotes. */
    static String quoteRune(int cp) {
        return io.pharos.spi.util.GoStrings.quoteRune(cp);
    }

    /** {@code %#U}: {@code U+0071 'q'}, without the quoted form when unprintable. */
    static String unicode(int cp) {
        String hex = String.format("U+%04X", cp);
        return io.pharos.spi.util.GoStrings.isPrint(cp) ? hex + " '" + new String(Character.toChars(cp)) + "'" : hex;
    }
}
