package io.pharos.promql.promqltest;

import io.pharos.promql.notation.SeriesLine;
import io.pharos.promql.notation.ScriptValue;
import io.pharos.promql.QueryResult;
import io.pharos.promql.Sample;
import io.pharos.promql.SeriesResult;
import java.util.List;

/** Renders values and results for failure messages, in the notation of the scripts. */
final class ResultFormat {
    /** Lines beyond this are elided: a message should point at the difference, not dump the result. */
    static final int MAX_LINES = 12;

    private ResultFormat() {
    }

    static String number(double v) {
        return ScriptValue.number(v);
    }

    static String describe(QueryResult r) {
        if (r instanceof QueryResult.VectorResult v) {
            return "vector of " + v.samples().size() + " series" + vector(v.samples());
        }
        if (r instanceof QueryResult.MatrixResult m) {
            return "matrix of " + m.series().size() + " series" + matrix(m.series());
        }
        if (r instanceof QueryResult.ScalarResult s) {
            return "scalar " + number(s.v());
        }
        return "string \"" + ((QueryResult.StringResult) r).v() + "\"";
    }

    static String vector(List<Sample> samples) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < samples.size(); i++) {
            if (elide(sb, i, samples.size())) {
                break;
            }
            sb.append("\n    ").append(samples.get(i).labels()).append(' ').append(number(samples.get(i).v()));
        }
        return sb.toString();
    }

    static String matrix(List<SeriesResult> series) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < series.size(); i++) {
            if (elide(sb, i, series.size())) {
                break;
            }
            sb.append("\n    ").append(points(series.get(i)));
        }
        return sb.toString();
    }

    static String points(SeriesResult s) {
        StringBuilder sb = new StringBuilder(s.labels().toString());
        for (int i = 0; i < s.size(); i++) {
            sb.append(' ').append(number(s.values()[i])).append('@').append(seconds(s.timestamps()[i]));
        }
        return sb.toString();
    }

    static String expected(List<SeriesLine> lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (elide(sb, i, lines.size())) {
                break;
            }
            SeriesLine l = lines.get(i);
            sb.append("\n    ").append(l.labels());
            for (ScriptValue v : l.values()) {
                sb.append(' ').append(v);
            }
        }
        return sb.toString();
    }

    /** Timestamps as the scripts think of them: seconds from 0. */
    static String seconds(long ms) {
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    private static boolean elide(StringBuilder sb, int i, int size) {
        if (i == MAX_LINES && size > MAX_LINES + 1) {
            sb.append("\n    ... ").append(size - MAX_LINES).append(" more");
            return true;
        }
        return false;
    }
}
