package io.pharos.template.internal;

import io.pharos.spi.util.GoStrings;
import io.pharos.template.TemplateException;

/** Go constants in template source: quoted strings, character constants and numbers. */
final class Literals {
    private Literals() {
    }

    /** A double-quoted Go string with its escapes. */
    static String unquote(String quoted, Parser p, Token at) throws TemplateException {
        StringBuilder sb = new StringBuilder(quoted.length());
        int i = 1;
        int end = quoted.length() - 1;
        while (i < end) {
            char c = quoted.charAt(i++);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            i = escape(quoted, i, end, sb, p, at);
        }
        return sb.toString();
    }

    static int unquoteChar(String quoted, Parser p, Token at) throws TemplateException {
        String s = quoted.charAt(1) == '\\' ? unquote(quoted, p, at) : quoted.substring(1, quoted.length() - 1);
        if (s.isEmpty() || s.codePointCount(0, s.length()) != 1) {
            throw p.error(at, "malformed character constant: " + quoted);
        }
        return s.codePointAt(0);
    }

    private static int escape(String q, int i, int end, StringBuilder sb, Parser p, Token at) throws TemplateException {
        if (i >= end) {
            throw p.error(at, "invalid syntax");
        }
        char c = q.charAt(i++);
        switch (c) {
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'v' -> sb.append('\u000b');
            case '\\', '"', '\'' -> sb.append(c);
            case 'x' -> {
                return hex(q, i, 2, end, sb, p, at);
            }
            case 'u' -> {
                return hex(q, i, 4, end, sb, p, at);
            }
            case 'U' -> {
                return hex(q, i, 8, end, sb, p, at);
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                if (i + 2 > end) {
                    throw p.error(at, "invalid syntax");
                }
                int v = Integer.parseInt(q.substring(i - 1, i + 2), 8);
                sb.append((char) v);
                return i + 2;
            }
            default -> throw p.error(at, "invalid syntax");
        }
        return i;
    }

    private static int hex(String q, int i, int n, int end, StringBuilder sb, Parser p, Token at) throws TemplateException {
        if (i + n > end) {
            throw p.error(at, "invalid syntax");
        }
        try {
            int cp = Integer.parseUnsignedInt(q.substring(i, i + n), 16);
            if (n == 2) {
                sb.append((char) cp); // a byte; only ASCII is meaningful in a Java string
            } else {
                sb.appendCodePoint(cp);
            }
        } catch (IllegalArgumentException e) {
            throw p.error(at, "invalid syntax");
        }
        return i + n;
    }

    /** An untyped number constant: {@link Long} for integers, {@link Double} for floats, as Go uses them. */
    static Object number(String text, Parser p, Token at) throws TemplateException {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        String digits = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        String lower = digits.toLowerCase();
        try {
            boolean hex = lower.startsWith("0x");
            if (hex && lower.contains("p") || !hex && (lower.contains(".") || lower.contains("e"))) {
                double d = Double.parseDouble(hex && !lower.contains(".") ? lower.replace("p", ".p") : lower);
                if (lower.endsWith("f") || lower.endsWith("d")) {
                    throw new NumberFormatException(); // Java suffixes are not Go syntax
                }
                return negative ? -d : d;
            }
            long v;
            if (hex) {
                v = Long.parseLong(digits.substring(2), 16);
            } else if (lower.startsWith("0o")) {
                v = Long.parseLong(digits.substring(2), 8);
            } else if (lower.startsWith("0b")) {
                v = Long.parseLong(digits.substring(2), 2);
            } else if (lower.length() > 1 && lower.startsWith("0")) {
                v = Long.parseLong(digits.substring(1), 8);
            } else {
                v = Long.parseLong(digits);
            }
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw p.error(at, "bad number syntax: " + GoStrings.quote(text));
        }
    }
}
