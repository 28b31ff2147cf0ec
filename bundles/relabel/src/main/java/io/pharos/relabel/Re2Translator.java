package io.pharos.relabel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Rewrites a Go RE2 expression into a {@link java.util.regex.Pattern} expression with the same
 * meaning, for everything where the two dialects differ in practice:
 *
 * <ul>
 *   <li>named groups {@code (?P<name>x)} and {@code (?<name>x)} become plain groups, because Java
 *       names may not contain {@code _}; the names are returned for template expansion;
 *   <li>{@code $} without the {@code m} flag is end of text in RE2 ({@code \z}), while Java's also
 *       matches before a final newline;
 *   <li>{@code \s} excludes {@code \v} in RE2, {@code \v} is a vertical tab, {@code \b} is an ASCII
 *       word boundary, POSIX classes {@code [[:alpha:]]}, scripts {@code \p{Greek}}, octal escapes;
 *   <li>inside classes {@code [} and {@code &&} are literals in RE2 but nesting and intersection in
 *       Java;
 *   <li>a {@code {} that does not start a repeat is a literal in RE2 but an error in Java;
 *   <li>the {@code U} flag means "ungreedy" in RE2 (Java: Unicode classes), so quantifiers in its
 *       scope are flipped here;
 *   <li>constructs RE2 rejects (look-around, back-references, possessive and atomic groups, the
 *       {@code x} flag, repeats over 1000) are rejected rather than silently accepted.
 * </ul>
 *
 * The result is meant to be compiled with {@code DOTALL | UNIX_LINES | UNICODE_CASE} and matched
 * with {@link java.util.regex.Matcher#matches()}.
 */
final class Re2Translator {
    /** RE2's limit on counted repetition. */
    private static final int MAX_REPEAT = 1000;

    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"),
            Map.entry("alpha", "\\p{Alpha}"),
            Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"),
            Map.entry("cntrl", "\\p{Cntrl}"),
            Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"),
            Map.entry("lower", "\\p{Lower}"),
            Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"),
            Map.entry("space", "\\p{Space}"),
            Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"),
            Map.entry("xdigit", "\\p{XDigit}"));

    // RE2's \s is [\t\n\f\r ]; Java's also has \x0B.
    private static final String SPACE_CHARS = "\\t\\n\\f\\r ";
    // RE2's \b looks at ASCII word characters only; Java 17's at Unicode letters and digits.
    private static final String WORD_BOUNDARY = "(?:(?<=\\w)(?!\\w)|(?<!\\w)(?=\\w))";
    private static final String NOT_WORD_BOUNDARY = "(?:(?<=\\w)(?=\\w)|(?<!\\w)(?!\\w))";
    private static final String ANY_CODE_POINT = "\\x{0}-\\x{10FFFF}";

    /**
     * The translation.
     *
     * @param javaRegex the Java expression
     * @param groupNames the name of each capturing group by number; index 0 (the whole match) and
     *     unnamed groups hold {@code null}
     */
    record Result(String javaRegex, List<String> groupNames) {
    }

    /** Flags that change translation, saved when a group opens and restored when it closes. */
    private record Scope(boolean multiLine, boolean ungreedy) {
    }

    private final String src;
    private final StringBuilder out;
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private final List<String> names = new ArrayList<>();
    private final Set<String> seenNames = new HashSet<>();
    private int pos;
    private boolean multiLine;
    private boolean ungreedy;

    private Re2Translator(String src) {
        this.src = src;
        this.out = new StringBuilder(src.length() + 16);
        names.add(null);
    }

    static Result translate(String re2) {
        Re2Translator t = new Re2Translator(re2);
        t.run();
        return new Result(t.out.toString(), Collections.unmodifiableList(t.names));
    }

    private void run() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            switch (c) {
                case '\\' -> escape(false);
                case '[' -> charClass();
                case '(' -> openGroup();
                case ')' -> closeGroup();
                case '$' -> {
                    out.append(multiLine ? "$" : "\\z");
                    pos++;
                }
                case '*', '+', '?' -> {
                    out.append(c);
                    pos++;
                    quantifierSuffix();
                }
                case '{' -> {
                    int end = repeatEnd(pos);
                    if (end < 0) {
                        out.append("\\{");
                        pos++;
                    } else {
                        out.append(src, pos, end);
                        pos = end;
                        quantifierSuffix();
                    }
                }
                case '}' -> {
                    out.append("\\}");
                    pos++;
                }
                default -> {
                    out.append(c);
                    pos++;
                }
            }
        }
        if (!scopes.isEmpty()) {
            throw fail("missing closing )");
        }
    }

    /** After a quantifier: laziness (flipped under U) and RE2's ban on stacked quantifiers. */
    private void quantifierSuffix() {
        boolean lazy = pos < src.length() && src.charAt(pos) == '?';
        if (lazy) {
            pos++;
        }
        if (lazy != ungreedy) {
            out.append('?');
        }
        if (pos < src.length()) {
            char next = src.charAt(pos);
            if (next == '*' || next == '+' || next == '?' || (next == '{' && repeatEnd(pos) >= 0)) {
                throw fail("invalid nested repetition operator");
            }
        }
    }

    /** The end (exclusive) of a repeat {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code at}, or -1. */
    private int repeatEnd(int at) {
        int i = at + 1;
        int minStart = i;
        while (i < src.length() && isAsciiDigit(src.charAt(i))) {
            i++;
        }
        if (i == minStart || i >= src.length()) {
            return -1;
        }
        int min = count(minStart, i);
        int max = min;
        if (src.charAt(i) == ',') {
            i++;
            int maxStart = i;
            while (i < src.length() && isAsciiDigit(src.charAt(i))) {
                i++;
            }
            max = i == maxStart ? -1 : count(maxStart, i);
        }
        if (i >= src.length() || src.charAt(i) != '}') {
            return -1;
        }
        if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) {
            pos = at;
            throw fail("invalid repeat count");
        }
        return i + 1;
    }

    private int count(int from, int to) {
        // more than four digits is over the limit anyway; avoid overflow
        return to - from > 4 ? MAX_REPEAT + 1 : Integer.parseInt(src.substring(from, to));
    }

    private void openGroup() {
        if (src.startsWith("(?P<", pos)) {
            namedGroup(pos + 4);
        } else if (src.startsWith("(?<", pos) && !src.startsWith("(?<=", pos) && !src.startsWith("(?<!", pos)) {
            namedGroup(pos + 3);
        } else if (src.startsWith("(?", pos)) {
            flagGroup();
        } else {
            scopes.push(new Scope(multiLine, ungreedy));
            names.add(null);
            out.append('(');
            pos++;
        }
    }

    private void namedGroup(int nameStart) {
        int end = src.indexOf('>', nameStart);
        if (end < 0) {
            throw fail("invalid named capture");
        }
        String name = src.substring(nameStart, end);
        if (name.isEmpty() || !name.chars().allMatch(ch -> ch == '_' || isAsciiAlnum((char) ch))) {
            throw fail("invalid named capture: " + name);
        }
        if (!seenNames.add(name)) {
            throw fail("duplicate capture group name: " + name);
        }
        scopes.push(new Scope(multiLine, ungreedy));
        names.add(name);
        out.append('(');
        pos = end + 1;
    }

    /** {@code (?flags)} or {@code (?flags:...)}; every other {@code (?} form is unsupported in RE2. */
    private void flagGroup() {
        int i = pos + 2;
        StringBuilder on = new StringBuilder();
        StringBuilder off = new StringBuilder();
        boolean negated = false;
        boolean flagAfterMinus = false;
        boolean newMultiLine = multiLine;
        boolean newUngreedy = ungreedy;
        while (true) {
            if (i >= src.length()) {
                throw fail("missing closing )");
            }
            char c = src.charAt(i);
            if (c == ':' || c == ')') {
                if (negated && !flagAfterMinus) {
                    throw fail("invalid or unsupported Perl syntax"); // "(?i-)" as in RE2
                }
                break;
            }
            if (c == '-' && !negated) {
                negated = true;
            } else if (c == 'i' || c == 'm' || c == 's' || c == 'U') {
                flagAfterMinus = negated;
                if (c == 'm') {
                    newMultiLine = !negated;
                } else if (c == 'U') {
                    newUngreedy = !negated; // handled here: Java's U means something else
                }
                if (c != 'U') {
                    (negated ? off : on).append(c);
                }
            } else {
                // look-around, atomic groups, comments, the x flag, ...
                throw fail("invalid or unsupported Perl syntax");
            }
            i++;
        }
        String flags = on + (off.length() > 0 ? "-" + off : "");
        if (src.charAt(i) == ')') {
            multiLine = newMultiLine;
            ungreedy = newUngreedy;
            if (!flags.isEmpty()) {
                out.append("(?").append(flags).append(')');
            }
        } else {
            scopes.push(new Scope(multiLine, ungreedy));
            multiLine = newMultiLine;
            ungreedy = newUngreedy;
            out.append("(?").append(flags).append(':');
        }
        pos = i + 1;
    }

    private void closeGroup() {
        if (scopes.isEmpty()) {
            throw fail("unexpected )");
        }
        Scope s = scopes.pop();
        multiLine = s.multiLine();
        ungreedy = s.ungreedy();
        out.append(')');
        pos++;
    }

    private void charClass() {
        int start = pos;
        out.append('[');
        pos++;
        if (pos < src.length() && src.charAt(pos) == '^') {
            out.append('^');
            pos++;
        }
        boolean first = true;
        while (true) {
            if (pos >= src.length()) {
                pos = start;
                throw fail("missing closing ]");
            }
            char c = src.charAt(pos);
            if (c == ']' && !first) {
                out.append(']');
                pos++;
                return;
            }
            first = false;
            if (c == '[' && src.startsWith("[:", pos) && posixClass()) {
                continue;
            }
            switch (c) {
                case '\\' -> escape(true);
                case '[', ']', '&' -> {
                    // literals in RE2; nesting, end or intersection in Java
                    out.append('\\').append(c);
                    pos++;
                }
                default -> {
                    out.append(c);
                    pos++;
                }
            }
        }
    }

    /** A POSIX class {@code [:name:]} or {@code [:^name:]} at pos; false when it is none. */
    private boolean posixClass() {
        int end = src.indexOf(":]", pos + 2);
        if (end < 0) {
            return false;
        }
        String name = src.substring(pos + 2, end);
        boolean negated = name.startsWith("^");
        if (negated) {
            name = name.substring(1);
        }
        String java = POSIX.get(name);
        if (java == null) {
            throw fail("invalid character class range: [:" + (negated ? "^" : "") + name + ":]");
        }
        if (negated) {
            // \p{X} -> \P{X}, \w -> \W
            java = java.startsWith("\\p") ? "\\P" + java.substring(2) : "\\W";
        }
        out.append(java);
        pos = end + 2;
        return true;
    }

    private void escape(boolean inClass) {
        int start = pos;
        pos++;
        if (pos >= src.length()) {
            pos = start;
            throw fail("trailing backslash at end of expression");
        }
        char c = src.charAt(pos);
        switch (c) {
            case '1', '2', '3', '4', '5', '6', '7' -> {
                // a lone digit would be a back-reference, which RE2 does not have
                if (pos + 1 >= src.length() || !isOctal(src.charAt(pos + 1))) {
                    throw invalidEscape(start);
                }
                octal();
            }
            case '0' -> octal();
            case '8', '9' -> throw invalidEscape(start);
            case 'Q' -> {
                if (inClass) {
                    throw invalidEscape(start);
                }
                quoted();
            }
            case 'v' -> {
                out.append("\\x0B");
                pos++;
            }
            case 's' -> {
                out.append(inClass ? SPACE_CHARS : "[" + SPACE_CHARS + "]");
                pos++;
            }
            case 'S' -> {
                out.append("[^" + SPACE_CHARS + "]");
                pos++;
            }
            case 'b', 'B', 'A', 'z', 'C' -> {
                if (inClass) {
                    throw invalidEscape(start);
                }
                out.append(switch (c) {
                    case 'b' -> WORD_BOUNDARY;
                    case 'B' -> NOT_WORD_BOUNDARY;
                    case 'C' -> "[" + ANY_CODE_POINT + "]";
                    default -> "\\" + c;
                });
                pos++;
            }
            case 'd', 'D', 'w', 'W', 'a', 'f', 't', 'n', 'r' -> {
                out.append('\\').append(c);
                pos++;
            }
            case 'x' -> hexEscape(start);
            case 'p', 'P' -> unicodeClass(start, c == 'P');
            default -> {
                if (c >= 0x80 || isAsciiAlnum(c)) {
                    throw invalidEscape(start);
                }
                out.append('\\').append(c); // escaped punctuation is a literal in both
                pos++;
            }
        }
    }

    /** Up to three octal digits starting at pos (the first already checked). */
    private void octal() {
        int value = 0;
        int n = 0;
        while (n < 3 && pos < src.length() && isOctal(src.charAt(pos))) {
            value = value * 8 + (src.charAt(pos) - '0');
            pos++;
            n++;
        }
        out.append("\\x{").append(Integer.toHexString(value)).append('}');
    }

    /** {@code \Q...\E}: every character literal, up to {@code \E} or the end. */
    private void quoted() {
        pos++;
        int end = src.indexOf("\\E", pos);
        int stop = end < 0 ? src.length() : end;
        for (int i = pos; i < stop; i++) {
            char ch = src.charAt(i);
            if (ch < 0x80 && !isAsciiAlnum(ch)) {
                out.append('\\'); // escaping a letter would be an error in Java
            }
            out.append(ch);
        }
        pos = end < 0 ? src.length() : end + 2;
    }

    /** {@code \xHH} or {@code \x{H...}}, copied after checking what RE2 requires. */
    private void hexEscape(int start) {
        int i = pos + 1;
        if (i < src.length() && src.charAt(i) == '{') {
            int close = src.indexOf('}', i);
            if (close < 0 || close == i + 1 || !isHex(src, i + 1, close)) {
                throw invalidEscape(start);
            }
            long value = Long.parseLong(src.substring(i + 1, Math.min(close, i + 10)), 16);
            if (close - i - 1 > 8 || value > Character.MAX_CODE_POINT) {
                throw invalidEscape(start);
            }
            out.append(src, start, close + 1);
            pos = close + 1;
        } else {
            if (i + 2 > src.length() || !isHex(src, i, i + 2)) {
                throw invalidEscape(start);
            }
            out.append(src, start, i + 2);
            pos = i + 2;
        }
    }

    /** {@code \pN}, {@code \p{Name}}, {@code \p{^Name}} and the {@code \P} forms. */
    private void unicodeClass(int start, boolean negated) {
        int i = pos + 1;
        if (i >= src.length()) {
            throw invalidEscape(start);
        }
        String name;
        if (src.charAt(i) == '{') {
            int close = src.indexOf('}', i);
            if (close < 0) {
                throw invalidEscape(start);
            }
            name = src.substring(i + 1, close);
            pos = close + 1;
        } else {
            name = String.valueOf(src.charAt(i));
            pos = i + 1;
        }
        if (name.startsWith("^")) {
            negated = !negated;
            name = name.substring(1);
        }
        if (name.isEmpty() || !name.chars().allMatch(ch -> ch == '_' || isAsciiAlnum((char) ch))) {
            pos = start;
            throw fail("invalid character class range");
        }
        if (name.equals("Any")) {
            out.append(negated ? "[^" : "[").append(ANY_CODE_POINT).append(']');
            return;
        }
        // one or two letters are general categories (L, Lu, ...); longer names are scripts
        String java = name.length() <= 2 ? name : "Is" + name;
        out.append(negated ? "\\P{" : "\\p{").append(java).append('}');
    }

    private PatternSyntaxException invalidEscape(int start) {
        int end = Math.min(src.length(), start + 2);
        pos = start;
        return fail("invalid escape sequence: " + src.substring(start, end));
    }

    private PatternSyntaxException fail(String description) {
        return new PatternSyntaxException(description, src, pos);
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiAlnum(char c) {
        return isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
