package io.pharos.promql.internal;

import io.pharos.spi.model.Labels;
import java.util.Arrays;

/**
 * One series of an instant-vector node evaluated over all steps of a range: a value per step where
 * the series is present. The arrays cover only the span from the first to the last step written, so
 * a short-lived series in a long range costs little; steps are normally written in increasing order.
 * Native histogram values will get a parallel array of their own.
 */
final class StepSeries {
    Labels labels;
    /** Delayed name removal: the metric name (and type and unit) go when the query result is built. */
    boolean dropName;
    private int first = -1;
    private double[] values;
    private boolean[] present;
    /** The sample timestamps per step (vector selector results only, when asked for), else null. */
    private long[] times;
    /** The samples' start timestamps per step (selector results, once a known one is set), else null. */
    private long[] starts;
    private int count;

    StepSeries(Labels labels) {
        this.labels = labels;
    }

    StepSeries(Labels labels, boolean dropName) {
        this.labels = labels;
        this.dropName = dropName;
    }

    /** A series expected to get up to {@code capacity} steps from its first one on. */
    StepSeries(Labels labels, boolean dropName, int capacity) {
        this.labels = labels;
        this.dropName = dropName;
        this.initialCapacity = Math.max(1, Math.min(capacity, 4096));
    }

    private int initialCapacity = 8;

    boolean has(int step) {
        int i = step - first;
        return first >= 0 && i >= 0 && i < present.length && present[i];
    }

    double value(int step) {
        return values[step - first];
    }

    boolean hasTimes() {
        return times != null;
    }

    long time(int step) {
        return times[step - first];
    }

    /** The start timestamp of the sample at a step, 0 when unknown. */
    long start(int step) {
        return starts == null ? 0 : starts[step - first];
    }

    int count() {
        return count;
    }

    /** The first step with a value, or -1. */
    int firstStep() {
        return first;
    }

    /** One past the last step with room (an upper bound for iteration). */
    int endStep() {
        return first < 0 ? -1 : first + present.length;
    }

    /** Sets the value at a step; returns false if the step already had one. */
    boolean set(int step, double v) {
        int i = ensure(step);
        if (present[i]) {
            return false;
        }
        present[i] = true;
        values[i] = v;
        count++;
        return true;
    }

    void set(int step, double v, long t) {
        int i = ensure(step);
        if (times == null) {
            times = new long[values.length];
        } else if (times.length < values.length) {
            times = Arrays.copyOf(times, values.length);
        }
        if (!present[i]) {
            present[i] = true;
            count++;
        }
        values[i] = v;
        times[i] = t;
    }

    /** Sets the start timestamp (0 = unknown) of the sample at a step that has one. */
    void setStart(int step, long st) {
        if (starts == null) {
            if (st == 0) {
                return; // none known yet: no array
            }
            starts = new long[values.length];
        } else if (starts.length < values.length) {
            starts = Arrays.copyOf(starts, values.length);
        }
        starts[step - first] = st;
    }

    /** Overwrites the value at a step that has one. */
    void replace(int step, double v) {
        values[step - first] = v;
    }

    void remove(int step) {
        if (has(step)) {
            present[step - first] = false;
            count--;
        }
    }

    private int ensure(int step) {
        if (first < 0) {
            first = step;
            values = new double[initialCapacity];
            present = new boolean[initialCapacity];
            return 0;
        }
        if (step < first) {
            int shift = first - step;
            int len = present.length + shift;
            double[] nv = new double[len];
            boolean[] np = new boolean[len];
            System.arraycopy(values, 0, nv, shift, values.length);
            System.arraycopy(present, 0, np, shift, present.length);
            if (times != null) {
                long[] nt = new long[len];
                System.arraycopy(times, 0, nt, shift, times.length);
                times = nt;
            }
            if (starts != null) {
                long[] ns = new long[len];
                System.arraycopy(starts, 0, ns, shift, starts.length);
                starts = ns;
            }
            values = nv;
            present = np;
            first = step;
            return 0;
        }
        int i = step - first;
        if (i >= present.length) {
            int len = Math.max(i + 1, present.length * 2);
            values = Arrays.copyOf(values, len);
            present = Arrays.copyOf(present, len);
            if (times != null) {
                times = Arrays.copyOf(times, len);
            }
            if (starts != null) {
                starts = Arrays.copyOf(starts, len);
            }
        }
        return i;
    }

    /** A copy with the same points and other labels. */
    StepSeries copyWith(Labels newLabels, boolean newDropName) {
        StepSeries s = new StepSeries(newLabels, newDropName);
        s.first = first;
        s.values = values == null ? null : values.clone();
        s.present = present == null ? null : present.clone();
        s.times = times == null ? null : times.clone();
        s.starts = starts == null ? null : starts.clone();
        s.count = count;
        return s;
    }
}
