package io.pharos.exposition;

import io.pharos.spi.model.Labels;

/**
 * A pull parser for the OpenMetrics 1.0 text format over UTF-8 bytes, with the same streaming
 * contract and the same no-allocation series path as {@link TextParser}.
 *
 * <p>It is as strict as Prometheus' OpenMetrics parser: one space between tokens, {@code \n} line
 * ends, no blank lines and no comments other than {@code # HELP}, {@code # TYPE}, {@code # UNIT}
 * and the {@code # EOF} that must end the body, with nothing after it (a missing {@code # EOF} is
 * an error when the input runs out). Types are OpenMetrics' ({@code unknown}, not {@code untyped});
 * a non-empty unit must be a suffix of its family name. Timestamps are seconds, possibly
 * fractional, and are returned in milliseconds as Prometheus converts them (truncated).
 *
 * <p>Sample names are returned as written: as in Prometheus' default ingestion, {@code _total},
 * {@code _created}, {@code _info}, {@code _bucket} etc. are ordinary series (Prometheus skips
 * {@code _created} only with created-timestamp ingestion enabled, which Pharos has not).
 * Exemplars ({@code  # {labels} value [timestamp]}) are parsed and checked, and offered through
 * the exemplar accessors, but not stored by the scrape loop. Metric and label names may be quoted
 * ({@code {"my.metric","label.name"="v"}}), as Prometheus 3.x accepts.
 *
 * <p>Not thread-safe; reuse one instance per scrape loop through {@link #reset}.
 */
public final class OpenMetricsParser extends LineParser {

    private boolean sawEof;
    private int eofLine;

    private boolean hasExemplar;
    private int[] exemplarOffsets = new int[4 * 4];
    private int exemplarLabelCount;
    private double exemplarValue;
    private boolean hasExemplarTimestamp;
    private long exemplarTimestamp;

    public OpenMetricsParser(byte[] buf, int offset, int length) {
        super(buf, offset, length);
    }

    @Override
    public void reset(byte[] buf, int offset, int length) {
        super.reset(buf, offset, length);
        sawEof = false;
        hasExemplar = false;
    }

    @Override
    boolean helpUnescapesQuotes() {
        return true;
    }

    @Override
    public Entry next() throws ExpositionException {
        entry = null; // an accessor after a failed line must not answer for the line before
        if (sawEof) {
            line = eofLine;
            entry = Entry.EOF;
            return entry;
        }
        if (pos >= end) {
            line = nextLine;
            throw error("data does not end with \"# EOF\"");
        }
        int start = pos;
        int newline = indexOfNewline(start);
        int e = newline < 0 ? end : newline;
        pos = newline < 0 ? end : newline + 1;
        line = nextLine++;
        if (start == e) {
            throw error("unexpected empty line");
        }
        entry = buf[start] == '#' ? parseDescriptor(start, e) : parseSeries(start, e);
        return entry;
    }

    // ---- exemplars

    /** Whether the current series line carries an exemplar. */
    public boolean hasExemplar() {
        require(Entry.SERIES, Entry.SERIES, Entry.SERIES);
        return hasExemplar;
    }

    /** Resets {@code into} and puts the exemplar's labels in it (allocates). */
    public void exemplarLabels(Labels.Builder into) {
        requireExemplar();
        labels(into, exemplarOffsets, exemplarLabelCount, false);
    }

    public double exemplarValue() {
        requireExemplar();
        return exemplarValue;
    }

    public boolean hasExemplarTimestamp() {
        requireExemplar();
        return hasExemplarTimestamp;
    }

    /** The exemplar's timestamp in milliseconds; meaningful if {@link #hasExemplarTimestamp()}. */
    public long exemplarTimestamp() {
        requireExemplar();
        return exemplarTimestamp;
    }

    private void requireExemplar() {
        if (!hasExemplar()) {
            throw new IllegalStateException("the series on line " + line + " has no exemplar");
        }
    }

    // ---- descriptors

    private Entry parseDescriptor(int p, int e) throws ExpositionException {
        if (e - p == 5 && matches(p, e, "# EOF")) {
            sawEof = true;
            eofLine = line;
            if (pos < end) {
                line = nextLine;
                throw error("unexpected data after \"# EOF\"");
            }
            return Entry.EOF;
        }
        Entry kind = null;
        if (e - p >= 7 && buf[p + 1] == ' ' && buf[p + 6] == ' ') {
            if (matches(p + 2, p + 6, "HELP")) {
                kind = Entry.HELP;
            } else if (matches(p + 2, p + 6, "TYPE")) {
                kind = Entry.TYPE;
            } else if (matches(p + 2, p + 6, "UNIT")) {
                kind = Entry.UNIT;
            }
        }
        if (kind == null) {
            throw error("expected \"# HELP\", \"# TYPE\", \"# UNIT\" or \"# EOF\", got " + quote(p, e));
        }
        int q = p + 7;
        int n = q < e && buf[q] == '"' ? quotedName(q, e, "metric name in " + kind) : plainMetricName(q, e, kind);
        if (n == e || buf[n] != ' ') {
            throw error("expected \" \" and " + (kind == Entry.TYPE ? "a type" : "text") + " after "
                    + kind + " " + quote(nameStart, nameEnd) + ", got " + describe(n, e));
        }
        textStart = n + 1;
        textEnd = e;
        switch (kind) {
            case HELP -> {
                if (!isUtf8(textStart, textEnd)) {
                    throw error("help text of " + quote(nameStart, nameEnd) + " is not valid UTF-8");
                }
            }
            case TYPE -> {
                type = metricType(textStart, textEnd, true);
                if (type == null) {
                    throw error("invalid metric type " + quote(textStart, textEnd));
                }
            }
            default -> checkUnit();
        }
        return kind;
    }

    private int plainMetricName(int q, int e, Entry kind) throws ExpositionException {
        int n = scanMetricName(q, e);
        if (n == q) {
            throw error("expected metric name after " + kind + ", got " + describe(q, e));
        }
        nameStart = q;
        nameEnd = n;
        return n;
    }

    /** As in OpenMetrics: a non-empty unit is the end of the family name, after an underscore. */
    private void checkUnit() throws ExpositionException {
        int unitLength = textEnd - textStart;
        if (unitLength == 0) {
            return;
        }
        int suffix = nameEnd - unitLength;
        if (suffix <= nameStart || buf[suffix - 1] != '_'
                || !java.util.Arrays.equals(buf, suffix, nameEnd, buf, textStart, textEnd)) {
            throw error("unit " + quote(textStart, textEnd) + " not a suffix of metric "
                    + quote(nameStart, nameEnd));
        }
    }

    // ---- series

    private Entry parseSeries(int p, int e) throws ExpositionException {
        seriesStart = p;
        labelCount = 0;
        hasExemplar = false;
        int q;
        if (buf[p] == '{') {
            nameStart = -1;
            q = parseLabels(p + 1, e, false);
            if (nameStart < 0) {
                throw error("expected a quoted metric name in braces, got none");
            }
        } else {
            q = scanMetricName(p, e);
            if (q == p) {
                throw error("expected metric name, got " + describe(p, e));
            }
            nameStart = p;
            nameEnd = q;
            if (q < e && buf[q] == '{') {
                q = parseLabels(q + 1, e, false);
            } else if (q < e && buf[q] != ' ') {
                throw error("invalid metric name " + quote(p, tokenEnd(p, e)));
            }
        }
        seriesEnd = q;

        int v = valueToken(q, e, "metric");
        value = number(q + 1, v, "value");
        hasTimestamp = false;
        if (v == e) {
            return Entry.SERIES;
        }
        if (!isExemplarStart(v, e)) {
            int t = tokenEnd(v + 1, e);
            timestamp = timestamp(v + 1, t, "timestamp");
            hasTimestamp = true;
            if (t == e) {
                return Entry.SERIES;
            }
            if (!isExemplarStart(t, e)) {
                throw error("expected end of line or exemplar after timestamp, got " + describe(t, e));
            }
            v = t;
        }
        parseExemplar(v + 4, e);
        return Entry.SERIES;
    }

    /** Whether " # {" starts at p. */
    private boolean isExemplarStart(int p, int e) {
        return e - p >= 4 && buf[p] == ' ' && buf[p + 1] == '#' && buf[p + 2] == ' ' && buf[p + 3] == '{';
    }

    /** Checks " value" at q, after {@code what}; returns the end of the value token. */
    private int valueToken(int q, int e, String what) throws ExpositionException {
        if (q == e) {
            throw error("expected value after " + what + ", got end of line");
        }
        if (buf[q] != ' ' || q + 1 == e || buf[q + 1] == ' ') {
            throw error("expected \" \" and a value after " + what + ", got " + describe(q, e));
        }
        return tokenEnd(q + 1, e);
    }

    private double number(int from, int to, String what) throws ExpositionException {
        int status = numbers.parse(buf, from, to);
        if (status != FloatParser.OK) {
            throw error((status == FloatParser.RANGE ? what + " out of range " : "invalid " + what + " ")
                    + quote(from, to));
        }
        return numbers.value();
    }

    /** Seconds, possibly fractional, as milliseconds truncated toward zero (as Prometheus does). */
    private long timestamp(int from, int to, String what) throws ExpositionException {
        if (from == to) {
            throw error("invalid " + what + " \"\"");
        }
        double seconds = number(from, to, what);
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw error("invalid " + what + " " + quote(from, to));
        }
        return (long) (seconds * 1000);
    }

    private void parseExemplar(int p, int e) throws ExpositionException {
        exemplarLabelCount = 0;
        int q = parseLabels(p, e, true);
        int v = valueToken(q, e, "exemplar labels");
        exemplarValue = number(q + 1, v, "exemplar value");
        hasExemplarTimestamp = v < e;
        if (hasExemplarTimestamp) {
            if (v + 1 == e || buf[v + 1] == ' ') {
                throw error("expected exemplar timestamp, got " + describe(v, e));
            }
            int t = tokenEnd(v + 1, e);
            exemplarTimestamp = timestamp(v + 1, t, "exemplar timestamp");
            if (t < e) {
                throw error("expected end of line after exemplar timestamp, got " + describe(t, e));
            }
        }
        hasExemplar = true;
    }


    // ---- scanning helpers

    @Override
    int skip(int p, int e) {
        return p; // no blanks between tokens
    }

    @Override
    boolean commaOptional() {
        return false;
    }

    @Override
    void addLabel(boolean exemplar, int ns, int ne, int vs, int ve) throws ExpositionException {
        if (exemplar) {
            exemplarOffsets = addLabel(exemplarOffsets, exemplarLabelCount++, ns, ne, vs, ve);
        } else {
            super.addLabel(false, ns, ne, vs, ve);
        }
    }

    /** The end of the token at p: up to a space. */
    private int tokenEnd(int p, int e) {
        int i = p;
        while (i < e && buf[i] != ' ') {
            i++;
        }
        return i;
    }

    /** The token at p (a space, or up to a space or one of {@code {}=,"}), quoted, or "end of line". */
    @Override
    String describe(int p, int e) {
        if (p >= e) {
            return "end of line";
        }
        int i = p + 1;
        while (buf[p] != ' ' && i < e && buf[i] != ' ' && "{}=,\"".indexOf(buf[i]) < 0) {
            i++;
        }
        return quote(p, i);
    }
}
