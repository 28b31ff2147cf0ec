package io.pharos.promql.internal;

/**
 * Quoting as Go's {@code %q}, {@code %#U} and {@code %.Nq} verbs do, because Prometheus error
 * messages are built with them and clients (and people) compare messages.
 */
final class GoStrings {
    /** What Go prints for the end-of-input rune. */
    static final int EOF_RUNE = 0xFFFD;

    private GoStrings() {
    }

    /** {@code %q} of a string: double quotes, backslash escapes for the unprintable. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> appendEscaped(sb, cp, '"'));
        return sb.append('"').toString();
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
        StringBuilder sb = new StringBuilder(8).append('\'');
        appendEscaped(sb, cp, '\'');
        return sb.append('\'').toString();
    }

    /** {@code %#U}: {@code U+0071 'q'}, without the quoted form when unprintable. */
    static String unicode(int cp) {
        String hex = String.format("U+%04X", cp);
        return isPrint(cp) ? hex + " '" + new String(Character.toChars(cp)) + "'" : hex;
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space. */
    static boolean isPrint(int cp) {
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

    private static void appendEscaped(StringBuilder sb, int cp, char quote) {
        if (cp == quote || cp == '\\') {
            sb.append('\\').appendCodePoint(cp);
            return;
        }
        if (isPrint(cp)) {
            sb.appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case 0x07 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 0x0B -> sb.append("\\v");
            default -> {
                if (cp < ' ' || cp == 0x7F) {
                    sb.append(String.format("\\x%02x", cp));
                } else if (cp <= 0xFFFF) {
                    sb.append(String.format("\\u%04x", cp));
                } else {
                    sb.append(String.format("\\U%08x", cp));
                }
            }
        }
    }
}
