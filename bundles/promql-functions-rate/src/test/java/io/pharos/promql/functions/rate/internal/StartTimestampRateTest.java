package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.testkit.promql.FunctionTester;
import io.pharos.testkit.promql.Result;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Start timestamps in {@code rate}, {@code increase}, {@code irate} (and not in {@code delta}).
 * Expected values are Prometheus' own, from the promqltest corpus: start_timestamps.test, line given
 * per case. Samples are one minute apart at 2m, 3m, ...
 */
class StartTimestampRateTest {
    private static final long MIN = 60_000;

    /** {@code f(x[window])} at {@code at} over one series: values from 2m on, with these start offsets. */
    private static Result eval(PromQLFunction f, String at, String window, double[] values, long[] startOffsets) {
        double[] timesAndValues = new double[values.length * 2];
        long[] starts = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            long t = (i + 2) * MIN;
            timesAndValues[2 * i] = t;
            timesAndValues[2 * i + 1] = values[i];
            starts[i] = startOffsets == null ? 0 : t + startOffsets[i];
        }
        return FunctionTester.call(f).at(at)
                .matrix(m -> m.window(window).series("counter_total", starts, timesAndValues))
                .run();
    }

    private static double[] repeat(double v, int n) {
        double[] out = new double[n];
        Arrays.fill(out, v);
        return out;
    }

    private static long[] offsets(long offset, int n) {
        long[] out = new long[n];
        Arrays.fill(out, offset);
        return out;
    }

    @Test
    void everySampleOfADeltaSeriesIsAReset() {
        // start_timestamps.test:66-86: delta 60 per minute, ST = previous T (OTel) or 1ms after it (GCP)
        double[] deltas = repeat(60, 15);
        for (long offset : new long[] {-MIN, -MIN + 1, -1}) {
            eval(new IncreaseFunction(), "10m", "5m", deltas, offsets(offset, 15)).assertSamples("{} 300");
            eval(new RateFunction(), "10m", "5m", deltas, offsets(offset, 15)).assertSamples("{} 1");
            eval(new IrateFunction(), "10m", "5m", deltas, offsets(offset, 15)).assertSamples("{} 1");
            // delta is for gauges and ignores start timestamps
            eval(new DeltaFunction(), "10m", "5m", deltas, offsets(offset, 15)).assertSamples("{} 0");
        }
        // ST = T tells nothing: the values look constant
        eval(new IncreaseFunction(), "10m", "5m", deltas, offsets(0, 15)).assertSamples("{} 0");
        eval(new IncreaseFunction(), "10m", "5m", deltas, null).assertSamples("{} 0");
    }

    @Test
    void aStartInsideTheRangeReplacesExtrapolationTowardsTheStart() {
        double[] values = {1, 2, 3, 4};
        // start_timestamps.test:144: all four samples counted from 1m30s; extrapolated to the end only
        eval(new IncreaseFunction(), "6m", "5m", values, new long[] {-30_000, -90_000, -150_000, -210_000})
                .assertSamples("{} 5.142857142857143");
        // a start at or before the range start is no zero point: plain extrapolation
        eval(new IncreaseFunction(), "6m", "5m", values, new long[] {-MIN, -2 * MIN, -3 * MIN, -4 * MIN})
                .assertSamples("{} 5");
        // nor is a start at or after the first sample
        eval(new IncreaseFunction(), "6m", "5m", values, new long[] {0, -MIN, -2 * MIN, -3 * MIN})
                .assertSamples("{} 5");
    }

    @Test
    void oneSampleWithAStartInsideTheRangeHasAnIncrease() {
        // start_timestamps.test:159: 3 at 4m, counted from 1m30s
        Result r = FunctionTester.call(new IncreaseFunction()).at("6m")
                .matrix(m -> m.window("5m").series("x_total", new long[] {90_000}, 4 * MIN, 3)).run();
        r.assertSamples("{} 3");
        FunctionTester.call(new RateFunction()).at("6m")
                .matrix(m -> m.window("5m").series("x_total", new long[] {90_000}, 4 * MIN, 3)).run()
                .assertSamples("{} 0.01");
        for (long st : new long[] {0, MIN, 4 * MIN, 4 * MIN + 1}) {
            FunctionTester.call(new IncreaseFunction()).at("6m")
                    .matrix(m -> m.window("5m").series("x_total", new long[] {st}, 4 * MIN, 3)).run().assertEmpty();
        }
        // irate still needs two samples
        FunctionTester.call(new IrateFunction()).at("6m")
                .matrix(m -> m.window("5m").series("x_total", new long[] {90_000}, 4 * MIN, 3)).run().assertEmpty();
    }

    @Test
    void resetsBeforeTheFirstSampleAndBetweenSamples() {
        // start_timestamps.test:169: 5 (from 1m), 5 (from 2m59s: a reset), 2 (a drop) over (0, 5m]
        FunctionTester.call(new IncreaseFunction()).at("5m").matrix(m -> m.window("5m")
                .series("x_total", new long[] {MIN, 3 * MIN - 1000, 0}, 2 * MIN, 5, 3 * MIN, 5, 4 * MIN, 2)).run()
                .assertSamples("{} 16");
    }

    @Test
    void overlappingStartsAreReportedOncePerSeries() {
        // start_timestamps.test:284: each start lies before the previous sample, without sharing its start
        eval(new RateFunction(), "4m", "3m", new double[] {60, 120, 180}, offsets(-2 * MIN, 3))
                .assertSamples("{} 1")
                .assertWarning("sample has start time that overlaps with previous sample timestamp for metric "
                        + "\"counter_total\"");
        // deltas and cumulative samples do not overlap
        eval(new RateFunction(), "4m", "3m", new double[] {60, 60, 60}, offsets(-MIN, 3))
                .assertSamples("{} 1").assertNoWarnings();
        eval(new RateFunction(), "4m", "3m", new double[] {60, 120, 180}, new long[] {-30_000, -90_000, -150_000})
                .assertSamples("{} 1").assertNoWarnings();
    }
}
