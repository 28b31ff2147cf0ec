package io.pharos.promql;

import io.pharos.spi.model.Labels;
import java.util.Objects;

/**
 * One element of an instant vector.
 *
 * @param labels the series' labels
 * @param t the evaluation timestamp in ms (not the timestamp of the stored sample)
 * @param v the value
 */
public record Sample(Labels labels, long t, double v) {
    public Sample {
        Objects.requireNonNull(labels, "labels");
    }
}
