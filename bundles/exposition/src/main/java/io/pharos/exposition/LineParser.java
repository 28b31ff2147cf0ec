package io.pharos.exposition;

import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import io.pharos.spi.util.GoStrings;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the line-oriented exposition parsers share: the input, the current entry as offsets into
 * it, the accessors, and the scanning, unescaping and error helpers. Subclasses read the lines.
 */
abstract class LineParser implements ExpositionParser {

    /** How much of an offending token an error message quotes. */
    static final int MAX_QUOTED = 40;
    static final byte[] NAME_LABEL = Labels.METRIC_NAME.getBytes(StandardCharsets.US_ASCII);

    final FloatParser numbers = new FloatParser();

    byte[] buf;
    int pos;
    int end;
    int nextLine;
    int line;
    Entry entry;

    // The current entry, as offsets into buf. Names are stored without their quotes.
    int nameStart;
    int nameEnd;
    int seriesStart;
    int seriesEnd;
    int textStart;
    int textEnd;
    MetricType type;
    /** Per label: name start, name end, value start, value end (both without quotes). */
    int[] labelOffsets = new int[4 * 16];
    int labelCount;
    double value;
    boolean hasTimestamp;
    long timestamp;

    /** Scratch space for unescaping; used off the hot path only. */
    private byte[] scratch = new byte[64];

    LineParser(byte[] buf, int offset, int length) {
        reset(buf, offset, length);
    }

    @Override
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

    @Override
    public int line() {
        return line;
    }

    /** Whether HELP text unescapes {@code \"} too (OpenMetrics) or only {@code \\} and {@code \n}. */
    abstract boolean helpUnescapesQuotes();

    // ---- HELP, TYPE, UNIT and comments

    @Override
    public String familyName() {
        require(Entry.HELP, Entry.TYPE, Entry.UNIT);
        return name(nameStart, nameEnd);
    }

    @Override
    public String help() {
        require(Entry.HELP, Entry.HELP, Entry.HELP);
        return unescape(textStart, textEnd, helpUnescapesQuotes());
    }

    @Override
    public int familyNameOffset() {
        require(Entry.HELP, Entry.TYPE, Entry.UNIT);
        return nameStart;
    }

    @Override
    public int familyNameLength() {
        require(Entry.HELP, Entry.TYPE, Entry.UNIT);
        return nameEnd - nameStart;
    }

    @Override
    public int helpOffset() {
        require(Entry.HELP, Entry.HELP, Entry.HELP);
        return textStart;
    }

    @Override
    public int helpLength() {
        require(Entry.HELP, Entry.HELP, Entry.HELP);
        return textEnd - textStart;
    }

    @Override
    public int unitOffset() {
        require(Entry.UNIT, Entry.UNIT, Entry.UNIT);
        return textStart;
    }

    @Override
    public int unitLength() {
        require(Entry.UNIT, Entry.UNIT, Entry.UNIT);
        return textEnd - textStart;
    }

    @Override
    public MetricType type() {
        require(Entry.TYPE, Entry.TYPE, Entry.TYPE);
        return type;
    }

    @Override
    public String unit() {
        require(Entry.UNIT, Entry.UNIT, Entry.UNIT);
        return new String(buf, textStart, textEnd - textStart, StandardCharsets.UTF_8);
    }

    @Override
    public String comment() {
        require(Entry.COMMENT, Entry.COMMENT, Entry.COMMENT);
        return new String(buf, textStart, textEnd - textStart, StandardCharsets.UTF_8);
    }

    // ---- series

    @Override
    public int seriesOffset() {
        require(Entry.SERIES, Entry.SERIES, Entry.SERIES);
        return seriesStart;
    }

    @Override
    public int seriesLength() {
        require(Entry.SERIES, Entry.SERIES, Entry.SERIES);
        return seriesEnd - seriesStart;
    }

    /** Where the metric name starts in the buffer (inside its quotes if quoted). */
    public int metricNameOffset() {
        require(Entry.SERIES, Entry.SERIES, Entry.SERIES);
        return nameStart;
    }

    /** The length of the metric name in bytes, as written (without quotes). */
    public int metricNameLength() {
        require(Entry.SERIES, Entry.SERIES, Entry.SERIES);
        return nameEnd - nameStart;
    }

    @Override
    public String metricName() {
        require(Entry.SERIES, Entry.SERIES, Entry.SERIES);
        return name(nameStart, nameEnd);
    }

    @Override
    public int labelCount() {
        require(Entry.SERIES, Entry.SERIES, Entry.SERIES);
        return labelCount;
    }

    @Override
    public void labels(Labels.Builder into) {
        require(Entry.SERIES, Entry.SERIES, Entry.SERIES);
        labels(into, labelOffsets, labelCount, true);
    }

    void labels(Labels.Builder into, int[] o, int count, boolean withName) {
        into.reset();
        if (withName) {
            into.set(Labels.METRIC_NAME, name(nameStart, nameEnd));
        }
        for (int i = 0; i < count; i++) {
            int k = 4 * i;
            into.set(name(o[k], o[k + 1]), unescape(o[k + 2], o[k + 3], true));
        }
    }

    @Override
    public boolean hasLabel(String label) {
        require(Entry.SERIES, Entry.SERIES, Entry.SERIES);
        for (int i = 0; i < labelCount; i++) {
            int k = 4 * i;
            if (name(labelOffsets[k], labelOffsets[k + 1]).equals(label)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public double value() {
        require(Entry.SERIES, Entry.SERIES, Entry.SERIES);
        return value;
    }

    @Override
    public boolean hasTimestamp() {
        require(Entry.SERIES, Entry.SERIES, Entry.SERIES);
        return hasTimestamp;
    }

    @Override
    public long timestamp() {
        require(Entry.SERIES, Entry.SERIES, Entry.SERIES);
        return timestamp;
    }

    // ---- shared parsing

    /** Skips the blanks allowed between tokens at p (none in OpenMetrics). */
    abstract int skip(int p, int e);

    /** Whether label pairs may follow each other without a comma, as in Prometheus' text parser. */
    abstract boolean commaOptional();

    /** The token at p, quoted, for an error message; or "end of line". */
    abstract String describe(int p, int e);

    /**
     * Parses the labels after '{' (of the series, or of its exemplar) and returns the position
     * after the closing '}'. A trailing comma is fine. In a series, a quoted string on its own is
     * the metric name ({@code {"my.metric",a="b"}}), as Prometheus 3.x reads it.
     */
    int parseLabels(int p, int e, boolean exemplar) throws ExpositionException {
        int q = skip(p, e);
        while (true) {
            if (q == e) {
                throw error("expected label name or \"}\", got end of line");
            }
            if (buf[q] == '}') {
                return q + 1;
            }
            int ns;
            int ne;
            int r;
            if (buf[q] == '"') {
                r = scanQuoted(q, e);
                if (r < 0) {
                    throw error("unterminated quoted label name");
                }
                int after = skip(r, e);
                if (!exemplar && after < e && (buf[after] == ',' || buf[after] == '}')) {
                    if (nameStart >= 0) {
                        throw error("metric name already set, got " + quote(q, r));
                    }
                    quotedName(q, e, "metric name");
                    q = buf[after] == ',' ? skip(after + 1, e) : after;
                    continue;
                }
                ns = q + 1;
                ne = r - 1;
                if (!isUtf8(ns, ne)) {
                    throw error("quoted label name is not valid UTF-8");
                }
            } else {
                r = scanLabelName(q, e);
                if (r == q) {
                    throw error("expected label name, got " + describe(q, e));
                }
                ns = q;
                ne = r;
            }
            r = skip(r, e);
            if (r == e || buf[r] != '=') {
                throw error("expected \"=\" after label name " + quote(ns, ne) + ", got " + describe(r, e));
            }
            r = skip(r + 1, e);
            if (r == e || buf[r] != '"') {
                throw error("expected label value, got " + describe(r, e));
            }
            int ve = scanQuoted(r, e);
            if (ve < 0) {
                throw error("unterminated label value of label " + quote(ns, ne));
            }
            if (!isUtf8(r + 1, ve - 1)) {
                throw error("value of label " + quote(ns, ne) + " is not valid UTF-8");
            }
            addLabel(exemplar, ns, ne, r + 1, ve - 1);
            q = skip(ve, e);
            if (q < e && buf[q] == ',') {
                q = skip(q + 1, e);
            } else if (q == e ? !commaOptional()
                    : buf[q] != '}' && !(commaOptional() && (buf[q] == '"' || isLetter(buf[q])))) {
                throw error("expected \",\" or \"}\" after label value, got " + describe(q, e));
            }
        }
    }

    /** Records a label of the series; OpenMetrics records exemplar labels apart. */
    void addLabel(boolean exemplar, int ns, int ne, int vs, int ve) throws ExpositionException {
        labelOffsets = addLabel(labelOffsets, labelCount++, ns, ne, vs, ve);
    }

    /**
     * Records a label of the current series (or exemplar, with its own offsets array), rejecting
     * {@code __name__} and duplicates; returns the array, grown if needed.
     */
    int[] addLabel(int[] o, int count, int ns, int ne, int vs, int ve) throws ExpositionException {
        if (equalBytes(ns, ne, NAME_LABEL)) {
            throw error("duplicate label name \"" + Labels.METRIC_NAME + "\"");
        }
        for (int i = 0; i < count; i++) {
            int k = 4 * i;
            if (o[k + 1] - o[k] == ne - ns && Arrays.equals(buf, o[k], o[k + 1], buf, ns, ne)) {
                throw error("duplicate label name " + quote(ns, ne));
            }
        }
        int k = 4 * count;
        if (k + 4 > o.length) {
            o = Arrays.copyOf(o, 2 * o.length);
        }
        o[k] = ns;
        o[k + 1] = ne;
        o[k + 2] = vs;
        o[k + 3] = ve;
        return o;
    }

    /**
     * The end of the quoted string whose opening quote is at p: the position after the closing
     * quote, or -1 if the line ends first. A backslash escapes the byte after it.
     */
    int scanQuoted(int p, int e) {
        int i = p + 1;
        while (i < e) {
            byte c = buf[i];
            if (c == '"') {
                return i + 1;
            }
            i += c == '\\' ? 2 : 1;
        }
        return -1;
    }

    /** Reads the quoted metric name at p into nameStart/nameEnd; returns the end of the token. */
    int quotedName(int p, int e, String what) throws ExpositionException {
        int n = scanQuoted(p, e);
        if (n < 0) {
            throw error("unterminated quoted " + what);
        }
        if (!isUtf8(p + 1, n - 1)) {
            throw error("quoted " + what + " is not valid UTF-8");
        }
        nameStart = p + 1;
        nameEnd = n - 1;
        return n;
    }

    /** Whether {@code buf[from, to)} is UTF-8, checked only when a byte is not ASCII. */
    boolean isUtf8(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] < 0) {
                return Utf8.isValid(buf, i, to);
            }
        }
        return true;
    }

    /** The metric type named by {@code buf[from, to)}: OpenMetrics' names, or the text format's. */
    MetricType metricType(int from, int to, boolean openMetrics) {
        if (matches(from, to, "counter")) {
            return MetricType.COUNTER;
        } else if (matches(from, to, "gauge")) {
            return MetricType.GAUGE;
        } else if (matches(from, to, "histogram")) {
            return MetricType.HISTOGRAM;
        } else if (matches(from, to, "summary")) {
            return MetricType.SUMMARY;
        } else if (!openMetrics) {
            return matches(from, to, "untyped") ? MetricType.UNKNOWN : null;
        } else if (matches(from, to, "unknown")) {
            return MetricType.UNKNOWN;
        } else if (matches(from, to, "gaugehistogram")) {
            return MetricType.GAUGE_HISTOGRAM;
        } else if (matches(from, to, "info")) {
            return MetricType.INFO;
        } else if (matches(from, to, "stateset")) {
            return MetricType.STATESET;
        }
        return null;
    }

    /** The end of [a-zA-Z_:][a-zA-Z0-9_:]* at p. */
    int scanMetricName(int p, int e) {
        if (p < e && (isLetter(buf[p]) || buf[p] == ':')) {
            p++;
            while (p < e && (isLetter(buf[p]) || isDigit(buf[p]) || buf[p] == ':')) {
                p++;
            }
        }
        return p;
    }

    /** The end of [a-zA-Z_][a-zA-Z0-9_]* at p. */
    int scanLabelName(int p, int e) {
        if (p < e && isLetter(buf[p])) {
            p++;
            while (p < e && (isLetter(buf[p]) || isDigit(buf[p]))) {
                p++;
            }
        }
        return p;
    }

    static boolean isLetter(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    int indexOfNewline(int from) {
        byte[] b = buf;
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    boolean matches(int from, int to, String word) {
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

    boolean equalBytes(int from, int to, byte[] word) {
        return to - from == word.length && Arrays.equals(buf, from, to, word, 0, word.length);
    }

    /** A metric or label name: plain names are ASCII; quoted ones may hold escapes and UTF-8. */
    String name(int from, int to) {
        return unescape(from, to, true);
    }

    /**
     * Unescapes {@code \\} and {@code \n}, with {@code quotes} also {@code \"}. Other escapes stay
     * as written, as in Prometheus.
     */
    String unescape(int from, int to, boolean quotes) {
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

    void require(Entry a, Entry b, Entry c) {
        if (entry != a && entry != b && entry != c) {
            String wanted = a == b && b == c ? a.toString() : a + (b == c ? " or " + b : ", " + b + " or " + c);
            throw new IllegalStateException("current entry is " + entry + ", not " + wanted);
        }
    }

    ExpositionException error(String detail) {
        return new ExpositionException(line, detail);
    }

    /** Bytes as a quoted string, escaped as Go's {@code %q} does, cut after MAX_QUOTED bytes. */
    String quote(int from, int to) {
        boolean cut = to - from > MAX_QUOTED;
        String quoted = GoStrings.quote(new String(buf, from, cut ? MAX_QUOTED : to - from, StandardCharsets.UTF_8));
        // the cut is marked inside the quotes: "xxx..."
        return cut ? quoted.substring(0, quoted.length() - 1) + "...\"" : quoted;
    }
}
