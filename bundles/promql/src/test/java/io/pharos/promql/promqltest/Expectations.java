package io.pharos.promql.promqltest;

import io.pharos.promql.notation.SeriesLine;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an {@code eval} command expects: the result lines and the {@code expect ...} directives
 * (or the legacy {@code eval_fail}/{@code eval_warn}/{@code eval_info}/{@code eval_ordered} forms,
 * which the parser folds into the same fields).
 *
 * @param failure non-null when the query must fail ({@code expect fail})
 * @param annotations the {@code expect warn|no_warn|info|no_info} directives
 * @param ordered whether the order of the result lines matters ({@code expect ordered})
 * @param string the expected string result ({@code expect string "..."}), or null
 * @param rangeVector the timestamps of an expected range-vector result of an instant query
 *                    ({@code expect range vector from .. to .. step ..}), or null
 * @param scalar the expected scalar (a bare number line), or null
 * @param series the expected series lines, in file order; empty means "empty result" unless one
 *               of the other kinds of result is expected
 */
public record Expectations(Failure failure, List<Annotation> annotations, boolean ordered, String string,
        RangeSpec rangeVector, Double scalar, List<SeriesLine> series) {

    /** {@code expect fail}, optionally with the exact message or a regular expression (unanchored). */
    public record Failure(String message, Pattern regex) {
    }

    /** The two kinds of PromQL annotations. */
    public enum Level {
        WARN,
        INFO
    }

    /**
     * {@code expect warn}/{@code expect info} (present = true, optionally with message or regex), or
     * {@code expect no_warn}/{@code expect no_info} (present = false).
     */
    public record Annotation(Level level, boolean present, String message, Pattern regex) {
    }

    /** Timestamps {@code startMs, startMs + stepMs, ...} up to {@code endMs}. */
    public record RangeSpec(long startMs, long endMs, long stepMs) {
    }

    public Expectations {
        annotations = List.copyOf(annotations);
        series = List.copyOf(series);
    }

    /** Whether any expected value is a native histogram. */
    public boolean hasHistogramValues() {
        for (SeriesLine s : series) {
            if (s.hasHistograms()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a warning or info annotation must be present, which the engine API cannot show yet. */
    public boolean expectsAnnotations() {
        for (Annotation a : annotations) {
            if (a.present()) {
                return true;
            }
        }
        return false;
    }
}
