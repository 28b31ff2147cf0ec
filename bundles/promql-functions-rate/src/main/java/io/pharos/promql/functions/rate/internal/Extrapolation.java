package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.util.StartTimestamps;
import io.pharos.spi.util.GoStrings;

/**
 * Prometheus' extrapolated rate, shared by {@code rate}, {@code increase} and {@code delta}.
 *
 * <p>The difference between the first and last sample in the range (plus, for counters, the value
 * before every decrease, since a counter restarts from zero) is extrapolated towards the range
 * boundaries: all the way to a boundary when the sample nearest to it is within 1.1 times the average
 * sample interval of it, else by half an average interval, since the series then probably starts or
 * ends inside the range. A counter is not extrapolated below zero: if its trend reaches zero before
 * the start boundary, extrapolation stops there. {@code rate} divides by the range in seconds.
 *
 * <p>Start timestamps (when the engine passes them) refine counters: a sample whose counting began
 * after the previous sample is a reset even if its value did not drop ({@link StartTimestamps#isReset};
 * every sample of a delta series is one), and when the first sample's start lies inside the range
 * the counter is known to have been zero there, so that point replaces the extrapolation towards the
 * start; this also gives a single sample an increase. Otherwise series with fewer than two samples
 * give nothing. A start that overlaps the previous sample is reported once per series.
 */
final class Extrapolation {
    private static final String SUFFIX_INFO = "metric might not be a counter, name does not end in "
            + "_total/_sum/_count/_bucket: ";
    private static final String TYPE_INFO = "metric might not be a counter, __type__ label is not set to "
            + "\"counter\" or \"histogram\", got ";
    private static final String OVERLAP_WARNING = "sample has start time that overlaps with previous sample "
            + "timestamp for metric ";

    private Extrapolation() {
    }

    static void evaluate(FunctionCall call, FunctionOutput out, boolean isCounter, boolean isRate) {
        RangeVector m = call.matrix(0);
        long rangeStart = m.rangeStart();
        long rangeEnd = m.rangeEnd();
        String lastChecked = null;
        for (int s = 0, size = m.size(); s < size; s++) {
            int n = m.sampleCount(s);
            if (n < 2 && !(n == 1 && isCounter && startsInRange(m, s, rangeStart))) {
                continue;
            }
            out.add(m.labels(s), extrapolate(call, m, s, n, rangeStart, rangeEnd, isCounter, isRate));
            if (isCounter && !call.selectorMatchers(0).isEmpty()) {
                lastChecked = checkCounter(call, m.labels(s), lastChecked);
            }
        }
    }

    /**
     * Whether the first sample's start timestamp lies inside the range, before the sample: the
     * counter was zero then, a point to measure from instead of extrapolating.
     */
    static boolean startsInRange(RangeVector m, int s, long rangeStart) {
        long st = m.startTimestamp(s, 0);
        return st != 0 && st > rangeStart && st < m.timestamp(s, 0);
    }

    static double extrapolate(FunctionCall call, RangeVector m, int s, int n, long rangeStart, long rangeEnd,
            boolean isCounter, boolean isRate) {
        long firstT = m.timestamp(s, 0);
        long lastT = m.timestamp(s, n - 1);
        double first = m.value(s, 0);
        double result = m.value(s, n - 1) - first;
        if (isCounter) {
            double prev = first;
            long prevT = firstT;
            long prevStart = m.startTimestamp(s, 0);
            boolean overlap = false;
            for (int i = 1; i < n; i++) {
                double cur = m.value(s, i);
                long t = m.timestamp(s, i);
                long start = m.startTimestamp(s, i);
                if (cur < prev || StartTimestamps.isReset(prevStart, prevT, start, t)) {
                    result += prev; // a reset: the counter went back to zero in between
                }
                overlap |= StartTimestamps.overlaps(prevStart, prevT, start);
                prev = cur;
                prevT = t;
                prevStart = start;
            }
            if (overlap) {
                String name = m.labels(s).metricName();
                call.warn(0, OVERLAP_WARNING + GoStrings.quote(name == null ? "" : name));
            }
        }
        double durationToStart = (double) (firstT - rangeStart) / 1000;
        double durationToEnd = (double) (rangeEnd - lastT) / 1000;
        double sampledInterval = (double) (lastT - firstT) / 1000;
        // One sample (measured from its start timestamp) has no interval: no extrapolation to the end.
        double averageInterval = n > 1 ? sampledInterval / (n - 1) : 0;
        double threshold = averageInterval * 1.1;
        if (isCounter && startsInRange(m, s, rangeStart)) {
            // The counter was zero at the first sample's start: count from there, no extrapolation.
            durationToStart = 0;
            sampledInterval = (double) (lastT - m.startTimestamp(s, 0)) / 1000;
            result += first;
        } else {
            if (durationToStart >= threshold) {
                durationToStart = averageInterval / 2;
            }
            if (isCounter) {
                double durationToZero = durationToStart;
                if (result > 0 && first >= 0) {
                    durationToZero = sampledInterval * (first / result);
                }
                if (durationToZero < durationToStart) {
                    durationToStart = durationToZero;
                }
            }
        }
        if (durationToEnd >= threshold) {
            durationToEnd = averageInterval / 2;
        }
        double factor = 1.0;
        if (sampledInterval != 0) {
            factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
        }
        if (isRate) {
            factor /= rangeSeconds(rangeEnd - rangeStart);
        }
        return result * factor;
    }

    /** Go's {@code time.Duration.Seconds()} of a range in ms: whole seconds plus the fraction. */
    static double rangeSeconds(long rangeMs) {
        return (double) (rangeMs / 1000) + (double) (rangeMs % 1000 * 1_000_000) / 1e9;
    }

    /**
     * Prometheus' info for {@code rate}/{@code increase} of a plain selector whose metric does not
     * look like a counter: by its {@code __type__} label when it has one, else by its name's suffix.
     * Returns the name checked, so that a run of series of one metric is checked once.
     */
    private static String checkCounter(FunctionCall call, Labels labels, String lastChecked) {
        String name = labels.metricName();
        if (name == null || name.equals(lastChecked)) {
            return lastChecked;
        }
        String type = labels.get("__type__");
        if (type != null) {
            if (!type.equals("counter") && !type.equals("histogram")) {
                call.info(0, TYPE_INFO + GoStrings.quote(type) + ": " + GoStrings.quote(name));
            }
        } else if (!name.endsWith("_total") && !name.endsWith("_sum") && !name.endsWith("_count")
                && !name.endsWith("_bucket")) {
            call.info(0, SUFFIX_INFO + GoStrings.quote(name));
        }
        return name;
    }
}
