package io.pharos.exposition;

/**
 * A pull parser for the Prometheus text exposition format (0.0.4, and 1.0.0 with quoted UTF-8
 * names) over UTF-8 bytes.
 *
 * <p>The scrape loop calls {@link #next()} once per sample, so a series line is parsed into
 * offsets and primitives only: nothing is allocated unless a value needs the slow number path
 * (more than 16 significant digits or a large exponent).
 *
 * <p>What it accepts follows Prometheus' own text parser: blanks and tabs around every token,
 * a trailing comma in a label set, unknown backslash escapes kept as they are, {@code \r\n}
 * line ends and a last line without one. As Prometheus 3.x, it takes metric and label names in
 * double quotes, so that they may hold any UTF-8 ({@code {"my.metric","label.name"="v"} 1} and
 * {@code # HELP "my.metric" text}). It rejects hex floats and underscores in values, as
 * Prometheus does. After an error, {@code next()} resumes at the following line.
 *
 * <p>Not thread-safe; reuse one instance per scrape loop through {@link #reset}.
 */
public final class TextParser extends LineParser {

    public TextParser(byte[] buf, int offset, int length) {
        super(buf, offset, length);
    }

    /** Moves to the next entry, skipping blank lines. */
    @Override
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

    @Override
    boolean helpUnescapesQuotes() {
        return false;
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
        int n;
        if (p < e && buf[p] == '"') {
            n = quotedName(p, e, "metric name in " + kind);
        } else {
            n = scanMetricName(p, e);
            if (n == p) {
                throw error("expected metric name after " + kind + ", got " + describe(p, e));
            }
            nameStart = p;
            nameEnd = n;
        }
        if (n < e && !isBlank(buf[n])) {
            throw error("invalid metric name " + quote(p, tokenEnd(p, e, true)) + " in " + kind);
        }
        if (kind == Entry.HELP) {
            // One blank separates name and text; the rest, blanks included, is the text.
            textStart = n < e ? n + 1 : e;
            textEnd = e;
            if (!Utf8.isValid(buf, textStart, textEnd)) {
                throw error("help text of " + quote(nameStart, nameEnd) + " is not valid UTF-8");
            }
            return Entry.HELP;
        }
        int t = skipBlanks(n, e);
        int te = e;
        while (te > t && isBlank(buf[te - 1])) {
            te--;
        }
        if (t == te) {
            throw error("expected metric type after " + quote(nameStart, nameEnd) + ", got end of line");
        }
        type = metricType(t, te, false);
        if (type == null) {
            throw error("invalid metric type " + quote(t, te));
        }
        return Entry.TYPE;
    }

    private Entry parseSeries(int p, int e) throws ExpositionException {
        seriesStart = p;
        labelCount = 0;
        int q;
        if (buf[p] == '{') {
            // Prometheus 3.x: {"name", labels}; the quoted name comes among the labels.
            nameStart = -1;
            q = parseLabels(p + 1, e, false);
            if (nameStart < 0) {
                throw error("expected a quoted metric name in braces, got none");
            }
            seriesEnd = q;
            q = skipBlanks(q, e);
        } else {
            int n = scanMetricName(p, e);
            if (n == p) {
                throw error("expected metric name, got " + describe(p, e));
            }
            nameStart = p;
            nameEnd = n;
            q = skipBlanks(n, e);
            if (q < e && buf[q] == '{') {
                q = parseLabels(q + 1, e, false);
                seriesEnd = q;
                q = skipBlanks(q, e);
            } else {
                if (q == n && q < e) {
                    throw error("invalid metric name " + quote(p, tokenEnd(p, e, true)));
                }
                seriesEnd = n;
            }
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

    @Override
    int skip(int p, int e) {
        return skipBlanks(p, e);
    }

    @Override
    boolean commaOptional() {
        return true;
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

    /** The token at p, quoted, or "end of line". */
    @Override
    String describe(int p, int e) {
        return p >= e ? "end of line" : quote(p, tokenEnd(p, e, true));
    }
}
