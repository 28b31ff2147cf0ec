package io.pharos.template.internal;

import io.pharos.spi.util.GoStrings;
import io.pharos.template.TemplateException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Go's strings.Title/ToUpper/ToLower (per code point) and strconv.ParseFloat. */
final class GoText {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern HEX = Pattern.compile("[+-]?0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?\\d+");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(?:inf|infinity|nan)");

    private GoText() {
    }

    static String upper(String s) {
        return s.codePoints().map(Character::toUpperCase)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    static String lower(String s) {
        return s.codePoints().map(Character::toLowerCase)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** The first letter of each word in title case; words split at anything but letters, digits and {@code _}. */
    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int prev = ' ';
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            sb.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(cp) : cp);
            prev = cp;
        }
        return sb.toString();
    }

    private static boolean isSeparator(int cp) {
        if (cp <= 0x7f) {
            return !(cp >= '0' && cp <= '9' || cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp == '_');
        }
        if (Character.isLetter(cp) || Character.isDigit(cp)) {
            return false;
        }
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    static double parseFloat(String s) throws TemplateException {
        String lower = s.toLowerCase(Locale.ROOT);
        if (SPECIAL.matcher(lower).matches()) {
            if (lower.endsWith("nan")) {
                return Double.NaN;
            }
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        String t = s.indexOf('_') >= 0 && (lower.matches("[+-]?0[xob].*")) ? s.replace("_", "") : s;
        if (!DECIMAL.matcher(t).matches() && !HEX.matcher(t).matches()) {
            throw new TemplateException("strconv.ParseFloat: parsing " + GoStrings.quote(s) + ": invalid syntax");
        }
        double v = Double.parseDouble(t);
        if (Double.isInfinite(v)) {
            throw new TemplateException("strconv.ParseFloat: parsing " + GoStrings.quote(s) + ": value out of range");
        }
        return v;
    }
}
