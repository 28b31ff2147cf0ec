package io.pharos.discovery.file.internal;

import java.util.regex.Pattern;

/**
 * A file name pattern with Go's {@code filepath.Match} syntax, which Prometheus uses: {@code *}
 * and {@code ?} (never matching a separator), {@code [abc]}, {@code [a-z]}, {@code [^a]} and
 * {@code \} escapes. Java's glob syntax differs ({@code !} negation, {@code {a,b}} groups).
 */
final class GoGlob {
    private GoGlob() {
    }

    /** Whether a name holds pattern characters, i.e. must be matched instead of looked up. */
    static boolean hasMeta(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0 || name.indexOf('\\') >= 0;
    }

    /**
     * The pattern as a regex.
     *
     * @throws IllegalArgumentException for an unterminated class or trailing escape (Go's
     *         {@code ErrBadPattern})
     */
    static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '\\' -> {
                    if (++i == glob.length()) {
                        throw new IllegalArgumentException("syntax error in pattern " + glob);
                    }
                    re.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                }
                case '[' -> i = charClass(glob, i, re);
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /** Appends the class starting at {@code start}; returns the index of its closing bracket. */
    private static int charClass(String glob, int start, StringBuilder re) {
        int i = start + 1;
        re.append('[');
        if (i < glob.length() && glob.charAt(i) == '^') {
            re.append('^');
            i++;
        }
        boolean empty = true;
        for (; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == ']' && !empty) {
                re.append(']');
                return i;
            }
            if (c == '-' && !empty) {
                re.append('-'); // a range: lo-hi
                continue;
            }
            if (c == '\\') {
                if (++i == glob.length()) {
                    break;
                }
                c = glob.charAt(i);
            }
            re.append("\\x{").append(Integer.toHexString(c)).append('}');
            empty = false;
        }
        throw new IllegalArgumentException("syntax error in pattern " + glob);
    }
}
