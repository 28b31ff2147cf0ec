package io.pharos.promql.functions.rate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.PromQLFunctionException;
import io.pharos.spi.promql.ValueType;
import io.pharos.testkit.promql.FunctionTester;
import io.pharos.testkit.promql.MatrixInput;
import io.pharos.testkit.promql.Notation;
import io.pharos.testkit.promql.Result;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Expected values are Prometheus' own, from the promqltest corpus: functions.test, line given per case. */
class RateFunctionsTest {
    private static final LabelMatcher SELECTOR = LabelMatcher.equal("__name__", "x");

    private static Result eval(PromQLFunction f, String at, String window, Consumer<MatrixInput> series) {
        return FunctionTester.call(f).at(at).matrix(m -> series.accept(m.window(window))).run();
    }

    @Test
    void signatures() {
        for (PromQLFunction f : List.of(new RateFunction(), new IncreaseFunction(), new DeltaFunction(),
                new IrateFunction(), new IdeltaFunction(), new DerivFunction())) {
            assertEquals(List.of(ValueType.MATRIX), f.argTypes(), f.name());
            assertEquals(ValueType.VECTOR, f.returnType());
            assertEquals(0, f.variadic());
            assertTrue(!f.experimental() && !f.keepsMetricName(), f.name());
        }
        assertEquals(List.of(ValueType.MATRIX, ValueType.SCALAR), new PredictLinearFunction().argTypes());
        PromQLFunction des = new DoubleExponentialSmoothingFunction();
        assertEquals(List.of(ValueType.MATRIX, ValueType.SCALAR, ValueType.SCALAR), des.argTypes());
        assertTrue(des.experimental());
        assertEquals("double_exponential_smoothing", des.name());
    }

    // functions.test:115-119
    private static void increaseData(MatrixInput m) {
        m.load("http_requests_total{path=\"/foo\"}", "5m", "0+10x10")
                .load("http_requests_total{path=\"/bar\"}", "5m", "0+18x5 0+18x5")
                .load("http_requests_total{path=\"/dings\"}", "5m", "10+10x10")
                .load("http_requests_total{path=\"/bumms\"}", "5m", "1+10x10");
    }

    @Test
    void increase() {
        // functions.test:122
        eval(new IncreaseFunction(), "50m", "50m", RateFunctionsTest::increaseData).assertSamples("""
                {path="/foo"} 100
                {path="/bar"} 160
                {path="/dings"} 100
                {path="/bumms"} 100
                """);
        // functions.test:136: extrapolation to the start limited by the counter's zero point
        eval(new IncreaseFunction(), "50m", "100m", RateFunctionsTest::increaseData).assertSamples("""
                {path="/foo"} 100
                {path="/bar"} 162
                {path="/dings"} 105
                {path="/bumms"} 101
                """);
        // functions.test:150: 3 2 is a reset, read as 3 0 1 2
        eval(new IncreaseFunction(), "30m", "30m", m -> m.load("http_requests_total{path=\"/foo\"}", "5m",
                "0 1 2 3 2 3 4")).assertSamples("{path=\"/foo\"} 7");
    }

    @Test
    void rate() {
        // functions.test:156-161
        eval(new RateFunction(), "50m", "50m", m -> m.load("testcounter_reset_middle_total", "5m", "0+27x4 0+27x5"))
                .assertSamples("{} 0.08");
        // functions.test:165, 167: a reset at the end of the range is ignored
        eval(new RateFunction(), "50m", "5m", m -> m.load("testcounter_reset_end_total", "5m", "0+10x9 0 10"))
                .assertEmpty();
        eval(new RateFunction(), "50m", "6m", m -> m.load("testcounter_reset_end_total", "5m", "0+10x9 0 10"))
                .assertSamples("{} 0");
        // functions.test:179, 182 (with offset 5m)
        eval(new RateFunction(), "50m", "50m", m -> m.load("calculate_rate_window_total", "5m", "0+80x10"))
                .assertSamples("{} 0.26666666666666666");
        FunctionTester.call(new RateFunction()).at("50m").matrix(m -> m.window(Notation.duration("10m"),
                Notation.duration("5m"))
                .load("calculate_rate_offset_total{x=\"a\"}", "5m", "0+10x10")
                .load("calculate_rate_offset_total{x=\"b\"}", "5m", "0+20x10")).run()
                .assertSamples("{x=\"a\"} 0.03333333333333333\n{x=\"b\"} 0.06666666666666667");
    }

    @Test
    void rateZeroCutoff() {
        Consumer<MatrixInput> data = m -> { // functions.test:187-193
            for (int start = 0; start <= 5; start++) {
                m.load("testcounter_zero_cutoff_total{start=\"" + start + "m\"}", "4m", (start * 60) + "+240x10");
            }
        };
        // functions.test:198
        eval(new RateFunction(), "10m", "20m", data).assertSamples("""
                {start="0m"} 0.5
                {start="1m"} 0.55
                {start="2m"} 0.6
                {start="3m"} 0.6
                {start="4m"} 0.6
                {start="5m"} 0.6
                """);
        // functions.test:207
        eval(new RateFunction(), "50m", "20m", data).assertSamples("""
                {start="0m"} 0.6
                {start="1m"} 0.6
                {start="2m"} 0.6
                {start="3m"} 0.6
                {start="4m"} 0.6
                {start="5m"} 0.6
                """);
    }

    @Test
    void rateDividesByTheRangeAsGoDurationSeconds() {
        assertEquals(600.0, Extrapolation.rangeSeconds(600_000));
        assertEquals(1.001, Extrapolation.rangeSeconds(1001));
        assertEquals(901.0, Extrapolation.rangeSeconds(901_000));
    }

    @Test
    void irate() {
        Consumer<MatrixInput> data = m -> m // functions.test:218-219
                .load("http_requests_total{path=\"/foo\"}", "5m", "0+10x10")
                .load("http_requests_total{path=\"/bar\"}", "5m", "0+10x5 0+10x5");
        // functions.test:229, 235
        eval(new IrateFunction(), "50m", "50m", data).assertSamples(
                "{path=\"/foo\"} .03333333333333333333\n{path=\"/bar\"} .03333333333333333333").assertNoWarnings();
        eval(new IrateFunction(), "30m", "50m", data).assertSamples(
                "{path=\"/foo\"} .03333333333333333333\n{path=\"/bar\"} 0");
        // functions.test:240: range from 0 to 20m step 5m irate(http_requests_nan[15m1s]) is _ NaN NaN NaN 0.02
        assertRange(new IrateFunction(), "1 NaN NaN 5 11", new String[] {null, "NaN", "NaN", "NaN", "0.02"});
    }

    @Test
    void idelta() {
        // functions.test:318
        eval(new IdeltaFunction(), "20m", "20m", m -> m
                .load("http_requests{path=\"/foo\"}", "5m", "0 50 100 150")
                .load("http_requests{path=\"/bar\"}", "5m", "0 50 100 50"))
                .assertSamples("{path=\"/foo\"} 50\n{path=\"/bar\"} -50");
        // functions.test:323
        assertRange(new IdeltaFunction(), "1 NaN NaN 5 11", new String[] {null, "NaN", "NaN", "NaN", "6"});
    }

    /** A range query from 0 to 20m step 5m over f(http_requests_nan[15m1s]), one memo for all steps. */
    private static void assertRange(PromQLFunction f, String values, String[] expected) {
        FunctionTester t = FunctionTester.call(f);
        for (int step = 0; step < expected.length; step++) {
            Result r = t.clearArgs().at(step * 300_000L)
                    .matrix(m -> m.window(Notation.duration("15m1s")).load("http_requests_nan", "5m", values)).run();
            if (expected[step] == null) {
                r.assertEmpty();
            } else {
                r.assertSamples("{} " + expected[step]);
            }
        }
    }

    @Test
    void delta() {
        // functions.test:271
        eval(new DeltaFunction(), "20m", "20m", m -> m
                .load("http_requests{path=\"/foo\"}", "5m", "0 50 100 150 200")
                .load("http_requests{path=\"/bar\"}", "5m", "200 150 100 50 0"))
                .assertSamples("{path=\"/foo\"} 200\n{path=\"/bar\"} -200");
        // a gauge is extrapolated below zero, a counter is not
        Consumer<MatrixInput> gauge = m -> m.series("{}", 60_000, 1, 120_000, 11);
        // 10 over 60s, extrapolated by 60s to either boundary (within 1.1 intervals)
        assertEquals(30.0, eval(new DeltaFunction(), "3m", "3m", gauge).value(), 1e-12);
        // the counter would reach zero 6s before its first sample: extrapolation to the start stops there
        assertEquals(21.0, eval(new IncreaseFunction(), "3m", "3m", gauge).value(), 1e-12);
    }

    @Test
    void derivAndPredictLinear() {
        Consumer<MatrixInput> reset = m -> m.load("testcounter_reset_middle_total", "5m", "0+10x4 0+10x5");
        Consumer<MatrixInput> canary = m -> m.load(
                "http_requests_total{job=\"app-server\", instance=\"1\", group=\"canary\"}", "5m", "0+80x10");
        Consumer<MatrixInput> inf = m -> m.load(
                "http_requests_inf{job=\"app-server\", instance=\"1\", group=\"canary\"}", "5m", "-Inf 0+80x10 Inf");
        String canaryOut = "{group=\"canary\", instance=\"1\", job=\"app-server\"} ";
        // functions.test:370, 374: deriv is rate in simple cases
        eval(new RateFunction(), "50m", "50m", canary).assertSamples(canaryOut + "0.26666666666666666").assertNoInfos();
        eval(new DerivFunction(), "50m", "50m", canary).assertSamples(canaryOut + "0.26666666666666666");
        // functions.test:379
        eval(new DerivFunction(), "50m", "100m", reset).assertSamples("{} 0.010606060606060607");
        // functions.test:399: infinities make the fit NaN
        eval(new DerivFunction(), "100m", "100m", inf).assertSamples(canaryOut + "NaN");
        // functions.test:418, 422
        FunctionTester.call(new PredictLinearFunction()).at("50m").matrix(m -> reset.accept(m.window("50m")))
                .scalar(3600).run().assertSamples("{} 70");
        // functions.test:427: predict_linear(x[55m] @ 3000, 3600) predicts from the evaluation time, not 3000
        for (String[] c : new String[][] {{"50m", "76.81818181818181"}, {"10m", "51.36363636363637"},
            {"70m", "89.54545454545455"}}) {
            FunctionTester.call(new PredictLinearFunction()).at(c[0])
                    .matrix(m -> reset.accept(m.range(3_000_000 - 3_300_000, 3_000_000))).scalar(3600).run()
                    .assertSamples("{} " + c[1]);
        }
        // functions.test:458
        FunctionTester.call(new PredictLinearFunction()).at("100m").matrix(m -> inf.accept(m.window("100m")))
                .scalar(6000).run().assertSamples(canaryOut + "NaN");
        // one sample: nothing
        eval(new DerivFunction(), "50m", "5m", reset).assertEmpty();
        // constant series: slope 0 and exactly the constant
        Consumer<MatrixInput> flat = m -> m.series("{}", 1000, 0.1, 2000, 0.1, 3000, 0.1);
        assertEquals(0.0, eval(new DerivFunction(), "3s", "3s", flat).value());
        assertEquals(0.1, FunctionTester.call(new PredictLinearFunction()).at(3000)
                .matrix(m -> flat.accept(m.window(3000))).scalar(1e6).run().value());
    }

    @Test
    void doubleExponentialSmoothing() {
        Consumer<MatrixInput> positive = m -> m // functions.test:855-858
                .load("http_requests{job=\"api-server\", instance=\"0\", group=\"production\"}", "10s",
                        "0+10x1000 100+30x1000")
                .load("http_requests{job=\"api-server\", instance=\"1\", group=\"production\"}", "10s",
                        "0+20x1000 200+30x1000")
                .load("http_requests{job=\"api-server\", instance=\"0\", group=\"canary\"}", "10s",
                        "0+30x1000 300+80x1000")
                .load("http_requests{job=\"api-server\", instance=\"1\", group=\"canary\"}", "10s", "0+40x2000");
        // functions.test:868
        FunctionTester.call(new DoubleExponentialSmoothingFunction()).at("8000s")
                .matrix(m -> positive.accept(m.window("1m"))).scalar(0.01).scalar(0.1).run().assertSamples("""
                        {job="api-server", instance="0", group="production"} 8000
                        {job="api-server", instance="1", group="production"} 16000
                        {job="api-server", instance="0", group="canary"} 24000
                        {job="api-server", instance="1", group="canary"} 32000
                        """);
        Consumer<MatrixInput> negative = m -> m // functions.test:891-894
                .load("http_requests{job=\"api-server\", instance=\"0\", group=\"production\"}", "10s", "8000-10x1000")
                .load("http_requests{job=\"api-server\", instance=\"1\", group=\"production\"}", "10s", "0-20x1000")
                .load("http_requests{job=\"api-server\", instance=\"0\", group=\"canary\"}", "10s",
                        "0+30x1000 300-80x1000")
                .load("http_requests{job=\"api-server\", instance=\"1\", group=\"canary\"}", "10s",
                        "0-40x1000 0+40x1000");
        // functions.test:896
        FunctionTester.call(new DoubleExponentialSmoothingFunction()).at("8000s")
                .matrix(m -> negative.accept(m.window("1m"))).scalar(0.01).scalar(0.1).run().assertSamples("""
                        {job="api-server", instance="0", group="production"} 0
                        {job="api-server", instance="1", group="production"} -16000
                        {job="api-server", instance="0", group="canary"} 24000
                        {job="api-server", instance="1", group="canary"} -32000
                        """);
        // invalid factors fail the query, with Prometheus' wording, but only when there is a series
        PromQLFunctionException e = assertThrows(PromQLFunctionException.class, () -> FunctionTester
                .call(new DoubleExponentialSmoothingFunction()).at("8000s").matrix(m -> positive.accept(m.window("1m")))
                .scalar(1.5).scalar(0.1).run());
        assertEquals("invalid smoothing factor. Expected: 0 < sf < 1, got: 1.500000", e.getMessage());
        e = assertThrows(PromQLFunctionException.class, () -> FunctionTester
                .call(new DoubleExponentialSmoothingFunction()).at("8000s").matrix(m -> positive.accept(m.window("1m")))
                .scalar(0.5).scalar(0).run());
        assertEquals("invalid trend factor. Expected: 0 < tf < 1, got: 0.000000", e.getMessage());
        FunctionTester.call(new DoubleExponentialSmoothingFunction()).matrix(m -> m.window("1m"))
                .scalar(7).scalar(7).run().assertEmpty();
        assertEquals("+Inf", DoubleExponentialSmoothingFunction.goF(Double.POSITIVE_INFINITY));
        assertEquals("-0.000000", DoubleExponentialSmoothingFunction.goF(-0.0));
    }

    @Test
    void possibleNonCounterInfo() {
        Consumer<MatrixInput> gaugeName = m -> m.selector(SELECTOR).load("http_requests{a=\"1\"}", "1m", "1 2 3")
                .load("http_requests{a=\"2\"}", "1m", "1 2 3");
        eval(new RateFunction(), "3m", "3m", gaugeName)
                .assertInfo("metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "
                        + "\"http_requests\"");
        eval(new IncreaseFunction(), "3m", "3m", m -> m.selector(SELECTOR).load("x_bucket", "1m", "1 2 3"))
                .assertNoInfos();
        // delta is for gauges: no check; a subquery (no selector matchers) is not checked either
        eval(new DeltaFunction(), "3m", "3m", gaugeName).assertNoInfos();
        eval(new RateFunction(), "3m", "3m", m -> m.load("http_requests", "1m", "1 2 3")).assertNoInfos();
        // with type-and-unit labels the __type__ label decides
        eval(new RateFunction(), "3m", "3m", m -> m.selector(SELECTOR)
                .load("x_total{__type__=\"gauge\"}", "1m", "1 2 3"))
                .assertInfo("metric might not be a counter, __type__ label is not set to \"counter\" or "
                        + "\"histogram\", got \"gauge\": \"x_total\"");
        eval(new RateFunction(), "3m", "3m", m -> m.selector(SELECTOR)
                .load("x{__type__=\"counter\"}", "1m", "1 2 3")).assertNoInfos();
    }

    @Test
    void emptyAndShortInputs() {
        for (PromQLFunction f : List.of(new RateFunction(), new IncreaseFunction(), new DeltaFunction(),
                new IrateFunction(), new IdeltaFunction(), new DerivFunction())) {
            eval(f, "1m", "1m", m -> { }).assertEmpty();
            eval(f, "1m", "1m", m -> m.series("{}", 30_000, 1)).assertEmpty();
        }
        // only the first and last values enter the difference: a NaN between them is skipped, a last one is not
        eval(new RateFunction(), "3m", "3m", m -> m.series("{}", 60_000, 1, 120_000, Double.NaN, 180_000, 3))
                .assertSamples("{} 0.016666666666666666");
        eval(new RateFunction(), "3m", "3m", m -> m.series("{}", 60_000, 1, 120_000, 2, 180_000, Double.NaN))
                .assertSamples("{} NaN");
    }
}
