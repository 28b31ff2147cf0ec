package io.pharos.promql;

import io.pharos.spi.model.Labels;
import java.util.Arrays;
import java.util.Objects;

/**
 * One series of a matrix result: its points as two parallel arrays of equal length, in ascending
 * timestamp order. The arrays are handed over without copying (a range query can produce millions
 * of points), so neither the producer nor any reader may mutate them.
 *
 * @param labels the series' labels
 * @param timestamps the step timestamps in ms; must not be mutated
 * @param values the value at each timestamp; must not be mutated
 */
public record SeriesResult(Labels labels, long[] timestamps, double[] values) {
    public SeriesResult {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(values, "values");
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("timestamps and values differ in length: "
                    + timestamps.length + " != " + values.length);
        }
    }

    /** The number of points. */
    public int size() {
        return timestamps.length;
    }

    // Records compare arrays by identity; results are compared by content.
    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesResult s && labels.equals(s.labels)
                && Arrays.equals(timestamps, s.timestamps) && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * labels.hashCode() + Arrays.hashCode(timestamps)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(labels.toString()).append(" [");
        for (int i = 0; i < timestamps.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(values[i]).append(" @").append(timestamps[i]);
        }
        return sb.append(']').toString();
    }
}
