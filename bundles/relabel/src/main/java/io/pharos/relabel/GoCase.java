package io.pharos.relabel;

/**
 * Case mapping as Go's {@code strings} package does it, for the {@code lowercase} and
 * {@code uppercase} actions and action names, so results match Prometheus.
 */
final class GoCase {
    private GoCase() {
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
}
