package io.pharos.relabel;

/** String helpers that behave like their Go counterparts, so results match Prometheus. */
final class GoStrings {
    private GoStrings() {
    }

    /**
     * Go's {@code strings.ToLower}: a per-code-point simple mapping. Unlike
     * {@link String#toLowerCase}, it never changes the length (U+0130 becomes plain {@code i}).
     */
    static String toLower(String s) {
        return mapCase(s, false);
    }

    /** Go's {@code strings.ToUpper}: per-code-point, so {@code ß} stays {@code ß} (Java: "SS"). */
    static String toUpper(String s) {
        return mapCase(s, true);
    }

    private static String mapCase(String s, boolean upper) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (map(cp, upper) != cp) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i == s.length()) {
            return s; // nothing to change, the common case: no allocation
        }
        StringBuilder sb = new StringBuilder(s.length()).append(s, 0, i);
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            sb.appendCodePoint(map(cp, upper));
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static int map(int cp, boolean upper) {
        return upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp);
    }

    /**
     * A label name under Prometheus 3.x' UTF-8 scheme: non-empty and valid UTF-8, i.e. for a Java
     * string no unpaired surrogate.
     */
    static boolean isValidLabelName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Quotes like Go's {@code %q}, so messages read like Prometheus' own. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
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
                    } else if (isPrintable(cp)) {
                        sb.appendCodePoint(cp);
                    } else if (cp <= 0xffff) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.append(String.format("\\U%08x", cp));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
