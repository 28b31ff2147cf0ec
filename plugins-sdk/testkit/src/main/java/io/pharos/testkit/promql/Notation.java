package io.pharos.testkit.promql;

import io.pharos.spi.model.Labels;
import io.pharos.spi.model.StaleMarker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the notation of Prometheus' conformance scripts ({@code promqltest}), so that a test
 * can be transcribed from a {@code .test} file almost verbatim:
 *
 * <ul>
 *   <li>{@link #labels(String)}: a series, {@code http_requests{path="/foo"}}, {@code {a="b"}} or a
 *       bare metric name;
 *   <li>{@link #values(String)}: a {@code load} value list such as {@code 0+10x10 _ stale NaN 1x3};
 *   <li>{@link #duration(String)}: a duration such as {@code 50m}, {@code 10s53ms} or plain seconds;
 *   <li>{@link #number(String)}: an expected value such as {@code .0333}, {@code +Inf} or {@code NaN};
 *   <li>{@link #samples(String)}: lines of expected results, {@code {path="/foo"} 100}.
 * </ul>
 */
public final class Notation {
    private static final Pattern VALUE = Pattern.compile(
            "([+-]?(?:Inf|NaN|[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\\.))"
                    + "(?:([+-](?:Inf|[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?))?x([0-9]+))?");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+)(ms|y|w|d|h|m|s)");

    private Notation() {
    }

    /**
     * Labels from the series notation: {@code name{label="value", ...}}, {@code {label="value"}} or a
     * bare {@code name}. Values take the escapes {@code \\}, {@code \"} and {@code \n}; label names may
     * be quoted (UTF-8 names).
     */
    public static Labels labels(String text) {
        String s = text.strip();
        Labels.Builder b = Labels.builder();
        int brace = s.indexOf('{');
        String name = brace < 0 ? s : s.substring(0, brace).strip();
        if (!name.isEmpty()) {
            b.set(Labels.METRIC_NAME, name);
        }
        if (brace < 0) {
            return b.build();
        }
        if (!s.endsWith("}")) {
            throw new IllegalArgumentException("series notation must end with '}': " + text);
        }
        int[] pos = {brace + 1};
        int end = s.length() - 1;
        while (true) {
            skipSpaces(s, pos);
            if (pos[0] >= end) {
                break;
            }
            String label;
            if (s.charAt(pos[0]) == '"') {
                label = quoted(s, pos, text);
            } else {
                int start = pos[0];
                while (pos[0] < end && s.charAt(pos[0]) != '=' && !Character.isWhitespace(s.charAt(pos[0]))) {
                    pos[0]++;
                }
                label = s.substring(start, pos[0]);
            }
            skipSpaces(s, pos);
            if (pos[0] >= end || s.charAt(pos[0]) != '=') {
                throw new IllegalArgumentException("expected '=' after label " + label + " in " + text);
            }
            pos[0]++;
            skipSpaces(s, pos);
            b.set(label, quoted(s, pos, text));
            skipSpaces(s, pos);
            if (pos[0] < end && s.charAt(pos[0]) == ',') {
                pos[0]++;
            }
        }
        return b.build();
    }

    /**
     * A {@code load} value list: space-separated items, each a number ({@code NaN}, {@code Inf} and
     * signs allowed), {@code stale} (a staleness marker, {@link StaleMarker#VALUE}), {@code _} (no
     * sample, {@code null}), {@code _xN} (N missing samples), {@code axN} (N+1 times a) or
     * {@code a+bxN} / {@code a-bxN} (N+1 values from a, adding b each time, as Prometheus adds it).
     */
    public static List<Double> values(String text) {
        List<Double> out = new ArrayList<>();
        for (String item : text.strip().split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            if (item.equals("_")) {
                out.add(null);
            } else if (item.startsWith("_x")) {
                out.addAll(Collections.nCopies(Integer.parseInt(item.substring(2)), null));
            } else if (item.equals("stale")) {
                out.add(StaleMarker.VALUE);
            } else {
                Matcher m = VALUE.matcher(item);
                if (!m.matches()) {
                    throw new IllegalArgumentException("cannot read series value '" + item + "' in: " + text);
                }
                double v = number(m.group(1));
                if (m.group(3) == null) {
                    out.add(v);
                    continue;
                }
                double delta = m.group(2) == null ? 0 : number(m.group(2));
                int times = Integer.parseInt(m.group(3));
                for (int i = 0; i <= times; i++) {
                    out.add(v);
                    v += delta;
                }
            }
        }
        return out;
    }

    /**
     * A duration in milliseconds: {@code 0}, plain (possibly fractional) seconds such as {@code 3000},
     * or units {@code ms s m h d w y} in any combination, e.g. {@code 1h30m} or {@code 10s53ms}.
     */
    public static long duration(String text) {
        String s = text.strip();
        if (s.matches("[0-9]+(\\.[0-9]+)?")) {
            return Math.round(Double.parseDouble(s) * 1000);
        }
        Matcher m = DURATION_PART.matcher(s);
        long total = 0;
        int at = 0;
        while (m.find() && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total += n * switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> 86_400_000L;
                case "w" -> 7 * 86_400_000L;
                default -> 365 * 86_400_000L;
            };
            at = m.end();
        }
        if (at != s.length() || s.isEmpty()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return total;
    }

    /**
     * Sample lines as the scripts write expected results: one {@code <series> <value>} per line, e.g.
     * {@code {path="/foo"} 100} or {@code up{job="a"} NaN}; blank lines and {@code #} comments are
     * skipped.
     */
    public static List<Sample> samples(String text) {
        List<Sample> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int cut = Math.max(line.lastIndexOf(' '), line.lastIndexOf('\t'));
            if (cut < 0) {
                throw new IllegalArgumentException("expected '<series> <value>', got: " + line);
            }
            out.add(new Sample(labels(line.substring(0, cut)), number(line.substring(cut + 1))));
        }
        return out;
    }

    /** A number as the scripts write it: decimal or exponent form, {@code NaN}, {@code Inf}, signed. */
    public static double number(String text) {
        String s = text.strip();
        String unsigned = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        boolean negative = s.startsWith("-");
        if (unsigned.equalsIgnoreCase("Inf") || unsigned.equalsIgnoreCase("Infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equalsIgnoreCase("NaN")) {
            return Double.NaN;
        }
        return Double.parseDouble(s);
    }

    private static void skipSpaces(String s, int[] pos) {
        while (pos[0] < s.length() && Character.isWhitespace(s.charAt(pos[0]))) {
            pos[0]++;
        }
    }

    private static String quoted(String s, int[] pos, String text) {
        char quote = pos[0] < s.length() ? s.charAt(pos[0]) : 0;
        if (quote != '"' && quote != '\'') {
            throw new IllegalArgumentException("expected a quoted string at " + pos[0] + " in " + text);
        }
        StringBuilder sb = new StringBuilder();
        int i = pos[0] + 1;
        while (i < s.length() && s.charAt(i) != quote) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                sb.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
            } else {
                sb.append(c);
            }
            i++;
        }
        if (i >= s.length()) {
            throw new IllegalArgumentException("unterminated string in " + text);
        }
        pos[0] = i + 1;
        return sb.toString();
    }
}
