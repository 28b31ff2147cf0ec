package io.pharos.promql.notation;

/**
 * Quoted strings as PromQL writes them: double or single quotes with Go escapes, or backticks
 * without escapes. Our own implementation of the Go rules.
 */
public final class GoQuoted {
    private GoQuoted() {
    }

    public static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    /**
     * The index just past the closing quote of the literal starting at {@code start}.
     *
     * @throws IllegalArgumentException if it is not terminated on this line
     */
    public static int end(String s, int start) {
        char q = s.charAt(start);
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && q != '`') {
                i++;
            } else if (c == q) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unterminated string starting at column " + (start + 1));
    }

    /**
     * The value of a complete literal including its quotes. A {@code \xHH} or octal escape yields
     * the char with that code: Go would produce a raw byte, which a Java string cannot hold.
     *
     * @throws IllegalArgumentException for a malformed literal or escape
     */
    public static String unquote(String literal) {
        if (literal.length() < 2 || !isQuote(literal.charAt(0))
                || literal.charAt(literal.length() - 1) != literal.charAt(0)) {
            throw new IllegalArgumentException("not a quoted string: " + literal);
        }
        char q = literal.charAt(0);
        String body = literal.substring(1, literal.length() - 1);
        if (q == '`') {
            if (body.indexOf('`') >= 0) {
                throw new IllegalArgumentException("backtick inside raw string: " + literal);
            }
            return body;
        }
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == q || c == '\n') {
                throw new IllegalArgumentException("unescaped " + (c == q ? "quote" : "newline") + " in " + literal);
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= body.length()) {
                throw new IllegalArgumentException("dangling backslash in " + literal);
            }
            char e = body.charAt(i);
            switch (e) {
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case '\\' -> sb.append('\\');
                case '"', '\'' -> {
                    if (e != q) {
                        throw new IllegalArgumentException("invalid escape \\" + e + " in " + literal);
                    }
                    sb.append(e);
                }
                case 'x' -> i = appendCode(sb, body, i + 1, 2, 16, literal);
                case 'u' -> i = appendCode(sb, body, i + 1, 4, 16, literal);
                case 'U' -> i = appendCode(sb, body, i + 1, 8, 16, literal);
                default -> {
                    if (e >= '0' && e <= '7') {
                        i = appendCode(sb, body, i, 3, 8, literal);
                    } else {
                        throw new IllegalArgumentException("invalid escape \\" + e + " in " + literal);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Appends the code point of {@code digits} digits at {@code from}; returns the last index used. */
    private static int appendCode(StringBuilder sb, String body, int from, int digits, int radix, String literal) {
        if (from + digits > body.length()) {
            throw new IllegalArgumentException("short escape in " + literal);
        }
        int cp;
        try {
            cp = Integer.parseInt(body.substring(from, from + digits), radix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid escape in " + literal, e);
        }
        if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw new IllegalArgumentException("invalid code point in " + literal);
        }
        sb.appendCodePoint(cp);
        return from + digits - 1;
    }
}
