package io.pharos.promql.notation;

import io.pharos.spi.model.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code name{labels} values...}: a series selector with only {@code =} matchers (metric
 * name optional, or given as a quoted string inside the braces), an optional {@code @st} suffix
 * (or {@code @st} alone: the default start timestamps of a load block),
 * then space separated values in the expanding notation:
 * <ul>
 * <li>{@code a}: one value; {@code axN}: a, N+1 times</li>
 * <li>{@code a+bxN} / {@code a-bxN}: N+1 values a, a±b, ..., a±N·b</li>
 * <li>{@code _}: no sample; {@code _xN}: N missing samples (N, not N+1)</li>
 * <li>{@code stale}: a staleness marker</li>
 * <li>{@code {{...}}}, {@code {{...}}xN}, {@code {{...}}+{{...}}xN}: native histograms</li>
 * </ul>
 * Numbers are decimal with optional exponent, or Inf/NaN; hex is not possible as {@code 0x10}
 * means "0, eleven times". On an {@code @st} line the values are signed durations
 * ({@code -30s-1mx2}), converted to ms. Errors are {@link IllegalArgumentException}s naming the
 * column; the script parser adds file and line.
 */
public final class SeriesLineParser {
    private final String s;
    private final boolean allowStartTimestamps;
    private int pos;
    private boolean startTimestamps;

    private SeriesLineParser(String s, boolean allowStartTimestamps) {
        this.s = s;
        this.allowStartTimestamps = allowStartTimestamps;
    }

    /** Parses a whole line (already trimmed). */
    public static SeriesLine parse(String text, int line, boolean allowStartTimestamps) {
        SeriesLineParser p = new SeriesLineParser(text, allowStartTimestamps);
        Labels labels = p.selector();
        List<ScriptValue> values = p.values();
        return new SeriesLine(line, labels, p.startTimestamps, values);
    }

    private Labels selector() {
        Labels.Builder b = Labels.builder();
        Set<String> seen = new HashSet<>();
        if (pos < s.length() && isNameStart(s.charAt(pos), true)) {
            int start = pos;
            while (pos < s.length() && isNameChar(s.charAt(pos), true)) {
                pos++;
            }
            b.set(Labels.METRIC_NAME, s.substring(start, pos));
            seen.add(Labels.METRIC_NAME);
        } else if (pos >= s.length() || s.charAt(pos) != '{' && !s.startsWith("@st", pos)) {
            // "@st ..." alone is allowed: the default start timestamps of the load block
            throw error("expected a series selector");
        }
        if (pos < s.length() && s.charAt(pos) == '{') {
            pos++;
            labelList(b, seen);
        }
        if (s.startsWith("@st", pos)) {
            if (!allowStartTimestamps) {
                throw error("@st is only allowed in load blocks");
            }
            startTimestamps = true;
            pos += 3;
        }
        if (pos < s.length() && !Character.isWhitespace(s.charAt(pos))) {
            throw error("unexpected character after series selector");
        }
        return b.build();
    }

    /** The labels up to and including the closing brace. */
    private void labelList(Labels.Builder b, Set<String> seen) {
        while (true) {
            skipSpace();
            if (peek() == '}') {
                pos++;
                return;
            }
            String name;
            if (GoQuoted.isQuote(peek())) {
                name = quoted();
                skipSpace();
                if (peek() == ',' || peek() == '}') {
                    // {"metric.name", ...}: a quoted name on its own is the metric name.
                    put(b, seen, Labels.METRIC_NAME, name);
                    commaOrEnd();
                    continue;
                }
            } else if (isNameStart(peek(), false)) {
                int start = pos;
                while (pos < s.length() && isNameChar(s.charAt(pos), false)) {
                    pos++;
                }
                name = s.substring(start, pos);
                skipSpace();
            } else {
                throw error("expected a label name");
            }
            if (peek() != '=' || (pos + 1 < s.length() && s.charAt(pos + 1) == '~')) {
                throw error("expected '=' after label " + name + " (series lines only take =)");
            }
            pos++;
            skipSpace();
            if (!GoQuoted.isQuote(peek())) {
                throw error("expected a quoted label value");
            }
            put(b, seen, name, quoted());
            commaOrEnd();
        }
    }

    private void commaOrEnd() {
        skipSpace();
        if (peek() == ',') {
            pos++;
        } else if (peek() != '}') {
            throw error("expected ',' or '}'");
        }
    }

    private void put(Labels.Builder b, Set<String> seen, String name, String value) {
        if (!seen.add(name)) {
            throw error("duplicate label " + name);
        }
        b.set(name, value);
    }

    private String quoted() {
        int end = GoQuoted.end(s, pos);
        String v = GoQuoted.unquote(s.substring(pos, end));
        pos = end;
        return v;
    }

    private List<ScriptValue> values() {
        List<ScriptValue> out = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= s.length()) {
                return out;
            }
            int start = pos;
            if (s.startsWith("{{", pos)) {
                histogramItem(out);
            } else {
                while (pos < s.length() && !Character.isWhitespace(s.charAt(pos))) {
                    pos++;
                }
                try {
                    item(s.substring(start, pos), out);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("column " + (start + 1) + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private void histogramItem(List<ScriptValue> out) {
        if (startTimestamps) {
            throw error("histograms are not start timestamps");
        }
        int start = pos;
        histogramLiteral();
        int count = 1;
        if (peek() == '+' || peek() == '-') {
            pos++;
            if (!s.startsWith("{{", pos)) {
                throw error("expected {{...}} after + or -");
            }
            histogramLiteral();
            if (peek() != 'x') {
                throw error("expected xN after a histogram increment");
            }
        }
        if (peek() == 'x') {
            pos++;
            int digits = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            count = repeat(s.substring(digits, pos)) + 1;
        }
        if (pos < s.length() && !Character.isWhitespace(s.charAt(pos))) {
            throw error("unexpected character after histogram");
        }
        ScriptValue h = ScriptValue.ofHistogram(s.substring(start, pos));
        for (int i = 0; i < count; i++) {
            out.add(h);
        }
    }

    private void histogramLiteral() {
        int end = s.indexOf("}}", pos + 2);
        if (end < 0) {
            throw error("unterminated histogram {{");
        }
        pos = end + 2;
    }

    /** One space-free item: {@code _}, {@code _xN}, {@code stale}, {@code a}, {@code axN}, {@code a±bxN}. */
    private void item(String w, List<ScriptValue> out) {
        if (w.equals("_")) {
            out.add(ScriptValue.MISSING);
            return;
        }
        if (w.startsWith("_x")) {
            int n = repeat(w.substring(2));
            for (int i = 0; i < n; i++) {
                out.add(ScriptValue.MISSING);
            }
            return;
        }
        if (w.equals("stale")) {
            out.add(ScriptValue.STALE);
            return;
        }
        TermScanner t = new TermScanner(w, startTimestamps);
        double first = t.term(true);
        double increment = 0;
        boolean hasIncrement = false;
        if (t.peek() == '+' || t.peek() == '-') {
            hasIncrement = true;
            double sign = t.next() == '-' ? -1 : 1;
            increment = sign * t.term(false);
        }
        int n = -1;
        if (t.peek() == 'x') {
            t.next();
            n = repeat(t.rest());
        } else if (!t.atEnd()) {
            throw new IllegalArgumentException("invalid value \"" + w + "\"");
        }
        if (hasIncrement && n < 0) {
            throw new IllegalArgumentException("\"" + w + "\" needs xN after the increment");
        }
        // Repeated addition rather than first + k*increment, as Prometheus accumulates, so that
        // rounding matches its loaded data.
        double v = first;
        out.add(ScriptValue.of(v));
        for (int k = 1; k <= n; k++) {
            v += increment;
            out.add(ScriptValue.of(v));
        }
    }

    private static int repeat(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("expected a count after x, got \"" + digits + "\"");
        }
        return Integer.parseInt(digits);
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("column " + (pos + 1) + ": " + message);
    }

    private static boolean isNameStart(char c, boolean metric) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metric && c == ':');
    }

    private static boolean isNameChar(char c, boolean metric) {
        return isNameStart(c, metric) || (c >= '0' && c <= '9');
    }

    /** Reads the numeric terms of one item; numbers, or signed durations in ms on @st lines. */
    private static final class TermScanner {
        private final String w;
        private final boolean durations;
        private int i;

        TermScanner(String w, boolean durations) {
            this.w = w;
            this.durations = durations;
        }

        char peek() {
            return i < w.length() ? w.charAt(i) : '\0';
        }

        char next() {
            return w.charAt(i++);
        }

        boolean atEnd() {
            return i >= w.length();
        }

        String rest() {
            return w.substring(i);
        }

        double term(boolean signed) {
            int start = i;
            if (signed && (peek() == '+' || peek() == '-')) {
                i++;
            }
            return durations ? duration(start) : number(start);
        }

        private double number(int start) {
            if (!special("infinity") && !special("inf") && !special("nan")) {
                int digits = digits();
                if (peek() == '.') {
                    i++;
                    digits += digits();
                }
                if (digits == 0) {
                    throw new IllegalArgumentException("invalid number in \"" + w + "\"");
                }
                if ((peek() == 'e' || peek() == 'E') && exponentFollows()) {
                    i++;
                    if (peek() == '+' || peek() == '-') {
                        i++;
                    }
                    digits();
                }
            }
            return ScriptNumbers.parseFloat(w.substring(start, i));
        }

        private boolean exponentFollows() {
            int j = i + 1;
            if (j < w.length() && (w.charAt(j) == '+' || w.charAt(j) == '-')) {
                j++;
            }
            return j < w.length() && Character.isDigit(w.charAt(j));
        }

        /** A signed duration such as {@code -1m30s}; a bare number counts as seconds. */
        private double duration(int start) {
            boolean negative = start < i && w.charAt(start) == '-';
            long total = 0;
            boolean any = false;
            while (Character.isDigit(peek())) {
                int from = i;
                digits();
                long n = Long.parseLong(w.substring(from, i));
                int unit = ScriptNumbers.unitAt(w, i);
                if (unit < 0) {
                    if (any) {
                        throw new IllegalArgumentException("invalid duration in \"" + w + "\"");
                    }
                    total = n * 1000;
                    any = true;
                    break;
                }
                i += ScriptNumbers.unitLength(unit);
                total += n * ScriptNumbers.unitMs(unit);
                any = true;
            }
            if (!any) {
                throw new IllegalArgumentException("invalid duration in \"" + w + "\"");
            }
            return negative ? -(double) total : (double) total;
        }

        private boolean special(String word) {
            if (w.regionMatches(true, i, word, 0, word.length())) {
                i += word.length();
                return true;
            }
            return false;
        }

        private int digits() {
            int from = i;
            while (Character.isDigit(peek())) {
                i++;
            }
            return i - from;
        }
    }
}
