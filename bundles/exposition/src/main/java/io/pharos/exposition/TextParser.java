package io.pharos.exposition;

import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import io.pharos.spi.util.GoStrings;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A pull parser for the Prometheus text exposition format 0.0.4 over UTF-8 bytes.
 *
 * <p>Call {@link #next()} until it returns {@link Entry#EOF}; after each entry, read it with the
 * accessors of its kind. {@code next()} checks a whole line, so a malformed line fails there and
 * never in an accessor. The scrape loop calls it once per sample, so a series line is parsed
 * into offsets and primitives only: nothing is allocated unless a value needs the slow number
 * path (more than 16 significant digits or a large exponent). Strings are made only on request
 * ({@link #metricName()}, {@link #labels}), which a caller keyed on {@link #seriesOffset()} and
 * {@link #seriesLength()} does only for series it has not seen before.
 *
 * <p>What it accepts follows Prometheus' own text parser: blanks and tabs around every token,
 * a trailing comma in a label set, unknown backslash escapes kept as they are, {@code \r\n}
 * line ends and a last line without one. It rejects hex floats and underscores in values, as
 * Prometheus does. After an error, {@code next()} resumes at the following line.
 *
 * <p>Not thread-safe; reuse one instance per scrape loop through {@link #reset}.
 */
public final class TextParser {

    /** The kind of line {@link #next()} found. */
    public enum Entry { HELP, TYPE, COMMENT, SERIES, EOF }

    /** How much of an offending token an error message quotes. */
    private static final int MAX_QUOTED = 40;
    private static final byte[] NAME_LABEL = Labels.METRIC_NAME.getBytes(StandardCharsets.US_ASCII);

    private final FloatParser numbers = new FloatParser();

    private byte[] buf;
    private int pos;
    private int end;
    private int nextLine;
    private int line;
    private Entry entry;

    // The current entry, as offsets into buf.
    private int nameStart;
    private int nameEnd;
    private int textStart;
    private int textEnd;
    private MetricType type;
    private int seriesEnd;
    /** Per label: name start, name end, value start, value end (value without its quotes). */
    private int[] labelOffsets = new int[4 * 16];
    private int labelCount;
    private double value;
    private boolean hasTimestamp;
    private long timestamp;

    /** Scratch space for unescaping; used off the hot path only. */
    private byte[] scratch = new byte[64];

    public TextParser(byte[] buf, int offset, int length) {
        reset(buf, offset, length);
    }

    /** Points this parser at new input, forgetting the old. */
    public void reset(byte[] buf, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
        this.nextLine = 1;
        this.line = 0;
        this.entry = null;
        this.labelCount = 0;
    }

    /** Moves to the next entry, skipping blank lines. */
    public Entry next() throws ExpositionException {
        while (pos < end) {
            int start = pos;
            int newline = indexOfNewline(start);
            int lineEnd = newline < 0 ? end : newline;
            pos = newline < 0 ? end : newline + 1;
            line = nextLine++;
            if (lineEnd > start && buf[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            int p = skipBlanks(start, lineEnd);
            if (p == lineEnd) {
                continue;
            }
            entry = null; // an accessor after a failed line must not answer for the line before
            entry = buf[p] == '#' ? parseComment(p, lineEnd) : parseSeries(p, lineEnd);
            return entry;
        }
        line = nextLine;
        entry = Entry.EOF;
        return entry;
    }

    /** The 1-based line of the current entry. */
    public int line() {
        return line;
    }

    // ---- HELP, TYPE and comments

    /** The metric family of a HELP or TYPE line. */
    public String familyName() {
        require(Entry.HELP, Entry.TYPE);
        return ascii(nameStart, nameEnd);
    }

    /** The text of a HELP line, with {@code \\} and {@code \n} unescaped; may be empty. */
    public String help() {
        require(Entry.HELP, Entry.HELP);
        return unescape(textStart, textEnd, false);
    }

    /** Where the family name of a HELP or TYPE line starts in the buffer (no allocation). */
    public int familyNameOffset() {
        require(Entry.HELP, Entry.TYPE);
        return nameStart;
    }

    /** The length in bytes of the family name of a HELP or TYPE line. */
    public int familyNameLength() {
        require(Entry.HELP, Entry.TYPE);
        return nameEnd - nameStart;
    }

    /** Where the raw (still escaped) text of a HELP line starts in the buffer. */
    public int helpOffset() {
        require(Entry.HELP, Entry.HELP);
        return textStart;
    }

    /** The length in bytes of the raw text of a HELP line. */
    public int helpLength() {
        require(Entry.HELP, Entry.HELP);
        return textEnd - textStart;
    }

    /** The type of a TYPE line; {@code untyped} is {@link MetricType#UNKNOWN}. */
    public MetricType type() {
        require(Entry.TYPE, Entry.TYPE);
        return type;
    }

    /** The text of a comment line after {@code #} and the blanks that follow it. */
    public String comment() {
        require(Entry.COMMENT, Entry.COMMENT);
        return new String(buf, textStart, textEnd - textStart, StandardCharsets.UTF_8);
    }

    // ---- series

    /** Where {@code name{labels}} of the current series starts in the buffer. */
    public int seriesOffset() {
        require(Entry.SERIES, Entry.SERIES);
        return nameStart;
    }

    /** The length of {@code name{labels}} exactly as in the input, a key for a series cache. */
    public int seriesLength() {
        require(Entry.SERIES, Entry.SERIES);
        return seriesEnd - nameStart;
    }

    /** Where the metric name starts in the buffer. */
    public int metricNameOffset() {
        require(Entry.SERIES, Entry.SERIES);
        return nameStart;
    }

    /** The length of the metric name in bytes. */
    public int metricNameLength() {
        require(Entry.SERIES, Entry.SERIES);
        return nameEnd - nameStart;
    }

    /** The metric name of the current series (allocates). */
    public String metricName() {
        require(Entry.SERIES, Entry.SERIES);
        return ascii(nameStart, nameEnd);
    }

    /** The number of labels in braces, {@code __name__} not counted. */
    public int labelCount() {
        require(Entry.SERIES, Entry.SERIES);
        return labelCount;
    }

    /**
     * Resets {@code into} and puts the series' labels in it: {@code __name__} and each label in
     * braces, values unescaped. As everywhere in Pharos, a label with an empty value is absent.
     */
    public void labels(Labels.Builder into) {
        require(Entry.SERIES, Entry.SERIES);
        into.reset();
        into.set(Labels.METRIC_NAME, ascii(nameStart, nameEnd));
        int[] o = labelOffsets;
        for (int i = 0; i < labelCount; i++) {
            int k = 4 * i;
            into.set(ascii(o[k], o[k + 1]), unescape(o[k + 2], o[k + 3], true));
        }
    }

    public double value() {
        require(Entry.SERIES, Entry.SERIES);
        return value;
    }

    public boolean hasTimestamp() {
        require(Entry.SERIES, Entry.SERIES);
        return hasTimestamp;
    }

    /** The timestamp in milliseconds since the epoch; meaningful if {@link #hasTimestamp()}. */
    public long timestamp() {
        require(Entry.SERIES, Entry.SERIES);
        return timestamp;
    }

    // ---- parsing

    private Entry parseComment(int p, int e) throws ExpositionException {
        int q = skipBlanks(p + 1, e);
        // As in Prometheus, "#HELP" without a blank after '#' is a plain comment.
        if (q > p + 1) {
            if (isKeyword(q, e, 'H', 'E', 'L', 'P')) {
                return parseMeta(q + 4, e, Entry.HELP);
            }
            if (isKeyword(q, e, 'T', 'Y', 'P', 'E')) {
                return parseMeta(q + 4, e, Entry.TYPE);
            }
        }
        textStart = q;
        textEnd = e;
        return Entry.COMMENT;
    }

    private boolean isKeyword(int p, int e, char a, char b, char c, char d) {
        return e - p > 4 && buf[p] == a && buf[p + 1] == b && buf[p + 2] == c && buf[p + 3] == d
                && isBlank(buf[p + 4]);
    }

    private Entry parseMeta(int p, int e, Entry kind) throws ExpositionException {
        p = skipBlanks(p, e);
        int n = scanMetricName(p, e);
        if (n == p) {
            throw error("expected metric name after " + kind + ", got " + describe(p, e));
        }
        if (n < e && !isBlank(buf[n])) {
            throw error("invalid metric name " + quote(p, tokenEnd(p, e, true)) + " in " + kind);
        }
        nameStart = p;
        nameEnd = n;
        if (kind == Entry.HELP) {
            // One blank separates name and text; the rest, blanks included, is the text.
            textStart = n < e ? n + 1 : e;
            textEnd = e;
            if (!Utf8.isValid(buf, textStart, textEnd)) {
                throw error("help text of \"" + ascii(p, n) + "\" is not valid UTF-8");
            }
            return Entry.HELP;
        }
        int t = skipBlanks(n, e);
        int te = e;
        while (te > t && isBlank(buf[te - 1])) {
            te--;
        }
        if (t == te) {
            throw error("expected metric type after \"" + ascii(p, n) + "\", got end of line");
        }
        type = metricType(t, te);
        if (type == null) {
            throw error("invalid metric type " + quote(t, te));
        }
        return Entry.TYPE;
    }

    private MetricType metricType(int from, int to) {
        if (matches(from, to, "counter")) {
            return MetricType.COUNTER;
        } else if (matches(from, to, "gauge")) {
            return MetricType.GAUGE;
        } else if (matches(from, to, "histogram")) {
            return MetricType.HISTOGRAM;
        } else if (matches(from, to, "summary")) {
            return MetricType.SUMMARY;
        } else if (matches(from, to, "untyped")) {
            return MetricType.UNKNOWN;
        }
        return null;
    }

    private Entry parseSeries(int p, int e) throws ExpositionException {
        int n = scanMetricName(p, e);
        if (n == p) {
            throw error("expected metric name, got " + describe(p, e));
        }
        nameStart = p;
        nameEnd = n;
        labelCount = 0;
        int q = skipBlanks(n, e);
        if (q < e && buf[q] == '{') {
            q = parseLabels(q + 1, e);
            seriesEnd = q;
            q = skipBlanks(q, e);
        } else {
            if (q == n && q < e) {
                throw error("invalid metric name " + quote(p, tokenEnd(p, e, true)));
            }
            seriesEnd = n;
        }

        if (q == e) {
            throw error("expected value after metric, got end of line");
        }
        int v = tokenEnd(q, e, false);
        int status = numbers.parse(buf, q, v);
        if (status != FloatParser.OK) {
            throw error((status == FloatParser.RANGE ? "value out of range " : "invalid value ")
                    + quote(q, v));
        }
        value = numbers.value();

        q = skipBlanks(v, e);
        hasTimestamp = q < e;
        if (hasTimestamp) {
            int t = tokenEnd(q, e, false);
            parseTimestamp(q, t);
            q = skipBlanks(t, e);
            if (q < e) {
                throw error("expected end of line after timestamp, got " + describe(q, e));
            }
        }
        return Entry.SERIES;
    }

    /** Parses the labels after '{' and returns the position after the closing '}'. */
    private int parseLabels(int p, int e) throws ExpositionException {
        int q = skipBlanks(p, e);
        while (true) {
            if (q == e) {
                throw error("expected label name or \"}\", got end of line");
            }
            if (buf[q] == '}') {
                return q + 1;
            }
            int ln = scanLabelName(q, e);
            if (ln == q) {
                throw error("expected label name, got " + describe(q, e));
            }
            int r = skipBlanks(ln, e);
            if (r == e || buf[r] != '=') {
                throw error("expected \"=\" after label name \"" + ascii(q, ln) + "\", got "
                        + describe(r, e));
            }
            r = skipBlanks(r + 1, e);
            if (r == e || buf[r] != '"') {
                throw error("expected label value, got " + describe(r, e));
            }
            int vs = r + 1;
            int i = vs;
            boolean ascii = true;
            while (true) {
                if (i >= e) {
                    throw error("unterminated label value of label \"" + ascii(q, ln) + "\"");
                }
                byte c = buf[i];
                if (c == '"') {
                    break;
                }
                ascii &= c >= 0;
                // The escaped byte cannot end the value; what it means is decided on unescaping.
                i += c == '\\' ? 2 : 1;
            }
            if (!ascii && !Utf8.isValid(buf, vs, i)) {
                throw error("value of label \"" + ascii(q, ln) + "\" is not valid UTF-8");
            }
            addLabel(q, ln, vs, i);
            q = skipBlanks(i + 1, e);
            // A trailing comma is fine, and as in Prometheus' parser a missing one is too.
            if (q < e && buf[q] == ',') {
                q = skipBlanks(q + 1, e);
            } else if (q < e && buf[q] != '}' && !isLetter(buf[q])) {
                throw error("expected \",\" or \"}\" after label value, got " + describe(q, e));
            }
        }
    }

    private void addLabel(int ns, int ne, int vs, int ve) throws ExpositionException {
        int[] o = labelOffsets;
        if (equalBytes(ns, ne, NAME_LABEL)) {
            throw error("duplicate label name \"" + Labels.METRIC_NAME + "\"");
        }
        for (int i = 0; i < labelCount; i++) {
            int k = 4 * i;
            if (o[k + 1] - o[k] == ne - ns
                    && Arrays.equals(buf, o[k], o[k + 1], buf, ns, ne)) {
                throw error("duplicate label name \"" + ascii(ns, ne) + "\"");
            }
        }
        int k = 4 * labelCount;
        if (k + 4 > o.length) {
            o = labelOffsets = Arrays.copyOf(o, 2 * o.length);
        }
        o[k] = ns;
        o[k + 1] = ne;
        o[k + 2] = vs;
        o[k + 3] = ve;
        labelCount++;
    }

    /** Integer milliseconds with an optional sign, as Go's ParseInt reads them. */
    private void parseTimestamp(int from, int to) throws ExpositionException {
        int i = from;
        boolean neg = buf[i] == '-';
        if (neg || buf[i] == '+') {
            i++;
        }
        if (i == to) {
            throw error("invalid timestamp " + quote(from, to));
        }
        // Accumulate negatively so that Long.MIN_VALUE fits.
        long limit = neg ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long r = 0;
        for (; i < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9 || r < limit / 10 || r * 10 < limit + d) {
                throw error("invalid timestamp " + quote(from, to));
            }
            r = r * 10 - d;
        }
        timestamp = neg ? r : -r;
    }

    // ---- scanning helpers

    private int indexOfNewline(int from) {
        byte[] b = buf;
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private int skipBlanks(int p, int e) {
        while (p < e && isBlank(buf[p])) {
            p++;
        }
        return p;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t';
    }

    /** The end of [a-zA-Z_:][a-zA-Z0-9_:]* at p. */
    private int scanMetricName(int p, int e) {
        if (p < e && (isLetter(buf[p]) || buf[p] == ':')) {
            p++;
            while (p < e && (isLetter(buf[p]) || isDigit(buf[p]) || buf[p] == ':')) {
                p++;
            }
        }
        return p;
    }

    /** The end of [a-zA-Z_][a-zA-Z0-9_]* at p. */
    private int scanLabelName(int p, int e) {
        if (p < e && isLetter(buf[p])) {
            p++;
            while (p < e && (isLetter(buf[p]) || isDigit(buf[p]))) {
                p++;
            }
        }
        return p;
    }

    private static boolean isLetter(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The end of the token at p: up to a blank, and with {@code stopAtPunctuation} also up to
     * one of {@code {}=,"}; one of {@code {}=,} at p is a token of its own.
     */
    private int tokenEnd(int p, int e, boolean stopAtPunctuation) {
        if (stopAtPunctuation && p < e
                && (buf[p] == '{' || buf[p] == '}' || buf[p] == '=' || buf[p] == ',')) {
            return p + 1;
        }
        int i = p;
        while (i < e && !isBlank(buf[i])) {
            byte c = buf[i];
            if (stopAtPunctuation && i > p
                    && (c == '{' || c == '}' || c == '=' || c == ',' || c == '"')) {
                break;
            }
            i++;
        }
        return i;
    }

    private boolean matches(int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (buf[from + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean equalBytes(int from, int to, byte[] word) {
        return to - from == word.length && Arrays.equals(buf, from, to, word, 0, word.length);
    }

    private String ascii(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /**
     * Unescapes {@code \\} and {@code \n}, and in label values also {@code \"}. Other escapes
     * stay as written, as in Prometheus.
     */
    private String unescape(int from, int to, boolean quotes) {
        int bs = from;
        while (bs < to && buf[bs] != '\\') {
            bs++;
        }
        if (bs == to) {
            return new String(buf, from, to - from, StandardCharsets.UTF_8);
        }
        if (scratch.length < to - from) {
            scratch = new byte[Math.max(to - from, 2 * scratch.length)];
        }
        byte[] out = scratch;
        int n = 0;
        for (int i = from; i < to; i++) {
            byte c = buf[i];
            if (c == '\\' && i + 1 < to) {
                byte next = buf[i + 1];
                if (next == '\\' || (quotes && next == '"')) {
                    c = next;
                    i++;
                } else if (next == 'n') {
                    c = '\n';
                    i++;
                }
            }
            out[n++] = c;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    // ---- errors

    private void require(Entry a, Entry b) {
        if (entry != a && entry != b) {
            throw new IllegalStateException("current entry is " + entry + ", not " + a
                    + (a == b ? "" : " or " + b));
        }
    }

    private ExpositionException error(String detail) {
        return new ExpositionException(line, detail);
    }

    /** The token at p, quoted, or "end of line". */
    private String describe(int p, int e) {
        return p >= e ? "end of line" : quote(p, tokenEnd(p, e, true));
    }

    /** Bytes as a quoted string, escaped as Go's {@code %q} does, cut after MAX_QUOTED bytes. */
    private String quote(int from, int to) {
        boolean cut = to - from > MAX_QUOTED;
        String quoted = GoStrings.quote(new String(buf, from, cut ? MAX_QUOTED : to - from, StandardCharsets.UTF_8));
        // the cut is marked inside the quotes: "xxx..."
        return cut ? quoted.substring(0, quoted.length() - 1) + "...\"" : quoted;
    }
}
