package io.pharos.promql.internal;

import io.pharos.spi.model.Labels;
import java.util.List;

/** What a node of the expression tree evaluates to over all the steps of its frame. */
sealed interface EvalValue {

    /** An instant vector: series-major, one value per step where a series is present. */
    record Vector(List<StepSeries> series) implements EvalValue {
    }

    /** A scalar: one value per step. */
    record Scalar(double[] values) implements EvalValue {
    }

    /** A string (the same at every step). */
    record Str(String value) implements EvalValue {
    }

    /**
     * A range vector: the samples of each series over everything the steps need, and the window of
     * step {@code i}: {@code (windowEnd(i) - range, windowEnd(i)]}.
     */
    record Matrix(List<RangeSeries> series, long[] windowEnds, long rangeMs, VectorSelector.Extension extension,
            long lookbackMs) implements EvalValue {
        long windowEnd(int step) {
            return windowEnds.length == 1 ? windowEnds[0] : windowEnds[step];
        }
    }

    /**
     * The float samples of one series of a range vector, in time order, stale markers removed, with
     * their start timestamps when the series has any known one (else {@code sts} is null).
     */
    final class RangeSeries {
        final Labels labels;
        final boolean dropName;
        final long[] ts;
        final double[] vs;
        final long[] sts;
        final int n;

        RangeSeries(Labels labels, boolean dropName, long[] ts, double[] vs, int n) {
            this(labels, dropName, ts, vs, null, n);
        }

        RangeSeries(Labels labels, boolean dropName, long[] ts, double[] vs, long[] sts, int n) {
            this.labels = labels;
            this.dropName = dropName;
            this.ts = ts;
            this.vs = vs;
            this.sts = sts;
            this.n = n;
        }
    }
}
