package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.RangeVector;
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
 * Series with fewer than two samples give nothing.
 */
final class Extrapolation {
    private static final String SUFFIX_INFO = "metric might not be a counter, name does not end in "
            + "_total/_sum/_count/_bucket: ";
    private static final String TYPE_INFO = "metric might not be a counter, __type__ label is not set to "
            + "\"counter\" or \"histogram\", got ";

    private Extrapolation() {
    }

    static void evaluate(FunctionCall call, FunctionOutput out, boolean isCounter, boolean isRate) {
        RangeVector m = call.matrix(0);
        long rangeStart = m.rangeStart();
        long rangeEnd = m.rangeEnd();
        String lastChecked = null;
        for (int s = 0, size = m.size(); s < size; s++) {
            int n = m.sampleCount(s);
            if (n < 2) {
                continue;
            }
            out.add(m.labels(s), extrapolate(m, s, n, rangeStart, rangeEnd, isCounter, isRate));
            if (isCounter && !call.selectorMatchers(0).isEmpty()) {
                lastChecked = checkCounter(call, m.labels(s), lastChecked);
            }
        }
    }

    static double extrapolate(RangeVector m, int s, int n, long rangeStart, long rangeEnd, boolean isCounter,
            boolean isRate) {
        long firstT = m.timestamp(s, 0);
        long lastT = m.timestamp(s, n - 1);
        double first = m.value(s, 0);
        double result = m.value(s, n - 1) - first;
        if (isCounter) {
            double prev = first;
            for (int i = 1; i < n; i++) {
                double cur = m.value(s, i);
                if (cur < prev) {
                    result += prev; // a reset: the counter went back to zero in between
                }
                prev = cur;
            }
        }
        double durationToStart = (double) (firstT - rangeStart) / 1000;
        double durationToEnd = (double) (rangeEnd - lastT) / 1000;
        double sampledInterval = (double) (lastT - firstT) / 1000;
        double averageInterval = sampledInterval / (n - 1);
        double threshold = averageInterval * 1.1;
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
