package io.pharos.promql.promqltest;

import io.pharos.promql.notation.SeriesLineParser;
import io.pharos.promql.notation.SeriesLine;
import io.pharos.promql.notation.ScriptValue;
import io.pharos.promql.notation.GoQuoted;
import io.pharos.promql.notation.ScriptNumbers;
import io.pharos.promql.promqltest.Expectations.Annotation;
import io.pharos.promql.promqltest.Expectations.Failure;
import io.pharos.promql.promqltest.Expectations.Level;
import io.pharos.promql.promqltest.Expectations.RangeSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses promqltest scripts (format: {@code shared/corpora/README.md}, "The promqltest script
 * format"). Lines are trimmed, and a line starting with {@code #} counts as blank, so a comment
 * ends a block just as an empty line does. A command is a first line ({@code load},
 * {@code load_with_nhcb}, {@code clear}, {@code eval ...}) plus the non-blank lines that follow it.
 * Anything malformed is a {@link ParseException} naming file and line: a parse failure means the
 * runner would silently test less than the file says.
 */
public final class ScriptParser {
    private static final Pattern EVAL_INSTANT = Pattern.compile(
            "(eval(?:_(fail|warn|info|ordered))?)\\s+instant\\s+(?:at\\s+(\\S+)\\s+)?(\\S.*)");
    private static final Pattern EVAL_RANGE = Pattern.compile(
            "(eval(?:_(fail|warn|info|ordered))?)\\s+range\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)\\s+(\\S.*)");
    private static final Pattern EXPECT_WITH_TEXT = Pattern.compile(
            "expect\\s+(fail|warn|info)(?:\\s+(msg|regex)\\s*:(.*))?");
    private static final Pattern EXPECT_ABSENT = Pattern.compile("expect\\s+(no_warn|no_info)");
    private static final Pattern EXPECT_ORDERED = Pattern.compile("expect\\s+ordered");
    private static final Pattern EXPECT_STRING = Pattern.compile("expect\\s+string\\s+(\\S.*)");
    private static final Pattern EXPECT_RANGE = Pattern.compile(
            "expect\\s+range\\s+vector\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)");

    /** A malformed script, with the file and 1-based line it was found on. */
    public static final class ParseException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String file;
        private final int line;

        public ParseException(String file, int line, String message) {
            super(file + ":" + line + ": " + message);
            this.file = file;
            this.line = line;
        }

        public String file() {
            return file;
        }

        public int line() {
            return line;
        }
    }

    private final String file;
    private final String[] lines;

    private ScriptParser(String file, String text) {
        this.file = file;
        this.lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            lines[i] = l.startsWith("#") ? "" : l;
        }
    }

    /** Parses a file; its name (without directories) is used in messages. */
    public static Script parse(Path path) throws IOException {
        return parse(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    public static Script parse(String fileName, String text) {
        return new ScriptParser(fileName, text).script();
    }

    private Script script() {
        List<Command> commands = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String l = lines[i];
            if (l.isEmpty()) {
                i++;
                continue;
            }
            String word = l.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            int end = blockEnd(i);
            if (word.equals("clear")) {
                // A one-line command: the corpus often starts a load on the very next line.
                if (!l.equalsIgnoreCase("clear")) {
                    throw error(i, "clear takes no arguments");
                }
                commands.add(new Command.Clear(i + 1));
                end = i + 1;
            } else if (word.equals("load") || word.equals("load_with_nhcb")) {
                commands.add(load(i, end, word.equals("load_with_nhcb")));
            } else if (word.startsWith("eval")) {
                commands.add(eval(i, end));
            } else {
                throw error(i, "unknown command \"" + word + "\"");
            }
            i = end;
        }
        return new Script(file, commands);
    }

    /** The index of the first blank line after {@code start} (or the end of the file). */
    private int blockEnd(int start) {
        int i = start + 1;
        while (i < lines.length && !lines[i].isEmpty()) {
            i++;
        }
        return i;
    }

    private Command.Load load(int i, int end, boolean withNhcb) {
        String[] parts = lines[i].split("\\s+");
        if (parts.length != 2) {
            throw error(i, "expected \"" + parts[0] + " <interval>\"");
        }
        long interval = duration(i, parts[1]);
        if (interval <= 0) {
            throw error(i, "load interval must be positive");
        }
        List<SeriesLine> series = new ArrayList<>();
        for (int j = i + 1; j < end; j++) {
            series.add(seriesLine(j, true));
        }
        checkStartTimestampLines(series);
        return new Command.Load(i + 1, interval, series, withNhcb);
    }

    /**
     * As Prometheus' runner requires: a {@code x@st} line belongs to the sample line right after it,
     * of the same series and length. (A standalone {@code @st} line, without labels, is a default.)
     */
    private void checkStartTimestampLines(List<SeriesLine> series) {
        for (int k = 0; k < series.size(); k++) {
            SeriesLine st = series.get(k);
            if (!st.startTimestamps() || st.labels().isEmpty()) {
                continue;
            }
            SeriesLine next = k + 1 < series.size() ? series.get(k + 1) : null;
            if (next == null || next.startTimestamps()) {
                throw error(st.line() - 1, "@st line has no following sample line");
            }
            if (!next.labels().equals(st.labels())) {
                throw error(st.line() - 1, "@st metric does not match the following sample line metric");
            }
            if (next.values().size() != st.values().size()) {
                throw error(st.line() - 1, "@st line has " + st.values().size() + " values but sample line has "
                        + next.values().size());
            }
        }
    }

    private Command eval(int i, int end) {
        String l = lines[i];
        Matcher instant = EVAL_INSTANT.matcher(l);
        Matcher range = EVAL_RANGE.matcher(l);
        boolean isInstant = instant.matches();
        Matcher m = isInstant ? instant : range;
        if (!isInstant && !range.matches()) {
            if (!l.matches("eval(_(fail|warn|info|ordered))?\\s.*")) {
                throw error(i, "unknown command \"" + l.split("\\s+", 2)[0] + "\"");
            }
            throw error(i, "invalid eval command, expected \"eval instant at <time> <expr>\" "
                    + "or \"eval range from <start> to <end> step <step> <expr>\"");
        }
        ExpectationsBuilder b = new ExpectationsBuilder();
        String legacy = m.group(2);
        if (legacy != null) {
            b.legacy(legacy);
        }
        for (int j = i + 1; j < end; j++) {
            String d = lines[j];
            if (d.split("\\s+", 2)[0].equals("expect")) {
                directive(j, d, b);
            } else {
                result(j, d, b);
            }
        }
        if (isInstant) {
            long at = m.group(3) == null ? 0 : duration(i, m.group(3));
            Expectations e = b.build();
            checkInstant(i, e);
            return new Command.EvalInstant(i + 1, at, m.group(4).strip(), e);
        }
        long start = duration(i, m.group(3));
        long stop = duration(i, m.group(4));
        long step = duration(i, m.group(5));
        Expectations e = b.build();
        if (e.ordered() || e.rangeVector() != null || e.string() != null || e.scalar() != null) {
            throw error(i, "a range eval takes no ordered, range vector, string or scalar expectation");
        }
        return new Command.EvalRange(i + 1, start, stop, step, m.group(6).strip(), e);
    }

    /** An instant eval expects one value per series, except for a range-vector result. */
    private void checkInstant(int i, Expectations e) {
        if (e.rangeVector() != null) {
            return;
        }
        for (SeriesLine s : e.series()) {
            if (s.values().size() != 1) {
                throw error(s.line() - 1, "an instant eval expects exactly one value per series, got "
                        + s.values().size());
            }
            if (s.values().get(0).kind() == ScriptValue.Kind.MISSING) {
                throw error(s.line() - 1, "_ is only meaningful in range results");
            }
        }
    }

    private void result(int j, String d, ExpectationsBuilder b) {
        Double scalar = ScriptNumbers.parseScalarLine(d);
        if (scalar != null) {
            if (b.scalar != null || !b.series.isEmpty()) {
                throw error(j, "a scalar result line must be the only result line");
            }
            b.scalar = scalar;
            return;
        }
        if (b.scalar != null) {
            throw error(j, "a scalar result line must be the only result line");
        }
        SeriesLine s = seriesLine(j, false);
        for (ScriptValue v : s.values()) {
            if (v.kind() == ScriptValue.Kind.STALE) {
                throw error(j, "stale markers never appear in results");
            }
        }
        b.series.add(s);
    }

    private void directive(int j, String d, ExpectationsBuilder b) {
        Matcher m = EXPECT_WITH_TEXT.matcher(d);
        if (m.matches()) {
            String text = m.group(3) == null ? null : m.group(3).strip();
            if (text != null && text.isEmpty()) {
                throw error(j, m.group(2) + ": needs a text");
            }
            String message = "msg".equals(m.group(2)) ? text : null;
            Pattern regex = "regex".equals(m.group(2)) ? regex(j, text) : null;
            if (m.group(1).equals("fail")) {
                if (b.failure != null) {
                    throw error(j, "duplicate expect fail");
                }
                b.failure = new Failure(message, regex);
            } else {
                b.annotations.add(new Annotation(m.group(1).equals("warn") ? Level.WARN : Level.INFO, true, message,
                        regex));
            }
            return;
        }
        if ((m = EXPECT_ABSENT.matcher(d)).matches()) {
            b.annotations.add(new Annotation(m.group(1).equals("no_warn") ? Level.WARN : Level.INFO, false, null,
                    null));
        } else if (EXPECT_ORDERED.matcher(d).matches()) {
            b.ordered = true;
        } else if ((m = EXPECT_STRING.matcher(d)).matches()) {
            String literal = m.group(1).strip();
            try {
                if (literal.isEmpty() || !GoQuoted.isQuote(literal.charAt(0))
                        || GoQuoted.end(literal, 0) != literal.length()) {
                    throw new IllegalArgumentException("expected one quoted string");
                }
                b.string = GoQuoted.unquote(literal);
            } catch (IllegalArgumentException e) {
                throw error(j, "expect string: " + e.getMessage());
            }
        } else if ((m = EXPECT_RANGE.matcher(d)).matches()) {
            long step = duration(j, m.group(3));
            if (step <= 0) {
                throw error(j, "expect range vector: step must be positive");
            }
            b.rangeVector = new RangeSpec(duration(j, m.group(1)), duration(j, m.group(2)), step);
        } else {
            throw error(j, "unknown directive \"" + d + "\"");
        }
    }

    private Pattern regex(int j, String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw error(j, "invalid regex: " + e.getDescription());
        }
    }

    private SeriesLine seriesLine(int j, boolean load) {
        try {
            return SeriesLineParser.parse(lines[j], j + 1, load);
        } catch (IllegalArgumentException e) {
            throw error(j, e.getMessage() + ": " + lines[j]);
        }
    }

    private long duration(int i, String text) {
        try {
            return ScriptNumbers.parseDurationMs(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw error(i, "invalid duration \"" + text + "\"");
        }
    }

    /** A ParseException for the 0-based line index {@code i}. */
    private ParseException error(int i, String message) {
        return new ParseException(file, i + 1, message);
    }

    private static final class ExpectationsBuilder {
        Failure failure;
        final List<Annotation> annotations = new ArrayList<>();
        boolean ordered;
        String string;
        RangeSpec rangeVector;
        Double scalar;
        final List<SeriesLine> series = new ArrayList<>();

        void legacy(String form) {
            switch (form) {
                case "fail" -> failure = new Failure(null, null);
                case "warn" -> annotations.add(new Annotation(Level.WARN, true, null, null));
                case "info" -> annotations.add(new Annotation(Level.INFO, true, null, null));
                default -> ordered = true;
            }
        }

        Expectations build() {
            return new Expectations(failure, annotations, ordered, string, rangeVector, scalar, series);
        }
    }
}
