package io.pharos.promql.notation;

import io.pharos.spi.model.Labels;
import java.util.List;
import java.util.Objects;

/**
 * A series line of a {@code load} block or an expected result line of an {@code eval}:
 * {@code name{labels} values...}.
 *
 * @param line the 1-based line number in the script
 * @param labels the labels, including {@code __name__} when a metric name was given
 * @param startTimestamps true for a {@code series@st} line, whose values are start-timestamp
 *                        offsets in ms relative to each sample's timestamp, not sample values
 * @param values the expanded values
 */
public record SeriesLine(int line, Labels labels, boolean startTimestamps, List<ScriptValue> values) {
    public SeriesLine {
        Objects.requireNonNull(labels, "labels");
        values = List.copyOf(values);
    }

    /** Whether any value is a native histogram. */
    public boolean hasHistograms() {
        for (ScriptValue v : values) {
            if (v.kind() == ScriptValue.Kind.HISTOGRAM) {
                return true;
            }
        }
        return false;
    }
}
