package io.pharos.spi.util;

/**
 * String quoting as Go's {@code strconv.Quote} (the {@code %q} verb) does it, because Prometheus
 * builds its error messages and annotations with it and clients (and people) compare them.
 */
public final class GoStrings {
    private GoStrings() {
    }

    /**
     * {@code s} in double quotes, as Go's {@code strconv.Quote}: {@code "} and {@code \} are
     * backslash-escaped; printable characters (Go's {@code unicode.IsPrint}: letters, marks,
     * numbers, punctuation, symbols and the ASCII space) stay as they are; the others become
     * {@code \a \b \f \n \r \t \v}, {@code \xNN} (the other ASCII controls and DEL),
     * <code>&#92;uNNNN</code> or {@code \UNNNNNNNN}. An unpaired surrogate, which a Go string cannot
     * hold, is escaped as its own code unit (<code>&#92;ud800</code>).
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            appendEscaped(sb, cp, '"');
        }
        return sb.append('"').toString();
    }

    /** A rune in single quotes, as Go's {@code strconv.QuoteRune} (the {@code %q} verb on a rune). */
    public static String quoteRune(int cp) {
        StringBuilder sb = new StringBuilder(8).append('\'');
        appendEscaped(sb, cp, '\'');
        return sb.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder sb, int cp, char quote) {
        if (cp == quote || cp == '\\') {
            sb.append('\\').appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case 0x07 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 0x0b -> sb.append("\\v");
            default -> {
                if (cp < 0x20 || cp == 0x7f) {
                    sb.append(String.format("\\x%02x", cp));
                } else if (isPrint(cp)) {
                    sb.appendCodePoint(cp);
                } else if (cp <= 0xffff) {
                    sb.append(String.format("\\u%04x", cp));
                } else {
                    sb.append(String.format("\\U%08x", cp));
                }
            }
        }
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space. */
    public static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
