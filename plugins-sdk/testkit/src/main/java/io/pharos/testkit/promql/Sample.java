package io.pharos.testkit.promql;

import io.pharos.spi.model.Labels;
import java.util.Objects;

/**
 * One sample a function wrote with {@link io.pharos.spi.promql.FunctionOutput#add}.
 *
 * @param labels the labels as written (the engine may still drop {@code __name__}, see
 *     {@link Result#engineSamples()})
 * @param value the value as written, bit for bit
 */
public record Sample(Labels labels, double value) {
    public Sample {
        Objects.requireNonNull(labels, "labels");
    }

    @Override
    public String toString() {
        return labels + " " + Result.format(value);
    }
}
