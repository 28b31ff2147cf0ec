package io.pharos.promql.functions.histogram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import io.pharos.testkit.promql.FunctionTester;
import io.pharos.testkit.promql.Notation;
import io.pharos.testkit.promql.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected values are Prometheus' own, from the promqltest corpus, histograms.test (line given per
 * case), on the classic {@code le} series. Inputs are the series' values at the evaluation time (the
 * loads are linear, so a value at 50m is ten times the per-5m increment).
 */
class HistogramFunctionsTest {
    // histograms.test:31-44 at 50m
    private static final String HISTOGRAM3 = """
            testhistogram3_bucket{le="0", start="positive"} 0
            testhistogram3_bucket{le="0.1", start="positive"} 50
            testhistogram3_bucket{le=".2", start="positive"} 70
            testhistogram3_bucket{le="1e0", start="positive"} 110
            testhistogram3_bucket{le="+Inf", start="positive"} 110
            testhistogram3_bucket{le="-.25", start="negative"} 0
            testhistogram3_bucket{le="-.2", start="negative"} 10
            testhistogram3_bucket{le="-0.1", start="negative"} 20
            testhistogram3_bucket{le="0.3", start="negative"} 20
            testhistogram3_bucket{le="+Inf", start="negative"} 20
            """;
    // histograms.test:8-16 at 50m
    private static final String HISTOGRAM = """
            testhistogram_bucket{le="0.1", start="positive"} 50
            testhistogram_bucket{le=".2", start="positive"} 70
            testhistogram_bucket{le="1e0", start="positive"} 110
            testhistogram_bucket{le="+Inf", start="positive"} 120
            testhistogram_bucket{le="-.2", start="negative"} 10
            testhistogram_bucket{le="-0.1", start="negative"} 20
            testhistogram_bucket{le="0.3", start="negative"} 20
            testhistogram_bucket{le="+Inf", start="negative"} 30
            """;

    private static Result quantile(double q, String buckets) {
        return FunctionTester.call(new HistogramQuantileFunction()).scalar(q).vector(v -> v.samples(buckets)).run();
    }

    private static Result fraction(double lower, double upper, String buckets) {
        return FunctionTester.call(new HistogramFractionFunction()).scalar(lower).scalar(upper)
                .vector(v -> v.samples(buckets)).run();
    }

    /** The buckets with every value divided by {@code by}, as rate() would scale them. */
    private static String scaled(String buckets, double by) {
        StringBuilder sb = new StringBuilder();
        for (var s : Notation.samples(buckets)) {
            sb.append(s.labels()).append(' ').append(s.value() / by).append('\n');
        }
        return sb.toString();
    }

    @Test
    void signatures() {
        assertEquals(List.of(ValueType.SCALAR, ValueType.VECTOR), new HistogramQuantileFunction().argTypes());
        assertEquals(List.of(ValueType.SCALAR, ValueType.SCALAR, ValueType.VECTOR),
                new HistogramFractionFunction().argTypes());
        PromQLFunction qs = new HistogramQuantilesFunction();
        assertEquals(List.of(ValueType.VECTOR, ValueType.STRING, ValueType.SCALAR, ValueType.SCALAR), qs.argTypes());
        assertEquals(9, qs.variadic());
        assertTrue(qs.experimental());
        for (PromQLFunction f : List.of(new HistogramQuantileFunction(), new HistogramFractionFunction(), qs)) {
            assertEquals(ValueType.VECTOR, f.returnType());
            assertFalse(f.keepsMetricName(), f.name());
        }
        assertFalse(new HistogramQuantileFunction().experimental());
        assertFalse(new HistogramFractionFunction().experimental());
    }

    @Test
    void quantilesOfHistogram3() {
        // histograms.test:556-597
        String[][] cases = {{"0", "0", "-0.25"}, {"0.25", "0.055", "-0.225"}, {"0.5", "0.125", "-0.2"},
            {"0.75", "0.45", "-0.15"}, {"1", "1", "-0.1"}};
        for (String[] c : cases) {
            quantile(Double.parseDouble(c[0]), HISTOGRAM3)
                    .assertSamples("{start=\"positive\"} " + c[1] + "\n{start=\"negative\"} " + c[2])
                    .assertNoWarnings().assertNoInfos();
        }
        // histograms.test:614
        FunctionTester.call(new HistogramQuantilesFunction()).vector(v -> v.samples(HISTOGRAM3)).string("q")
                .scalar(0).scalar(0.25).scalar(0.5).scalar(0.75).scalar(1).run().assertNoWarnings().assertSamples("""
                        {q="0.0", start="positive"} 0
                        {q="0.0", start="negative"} -0.25
                        {q="0.25", start="positive"} 0.055
                        {q="0.25", start="negative"} -0.225
                        {q="0.5", start="positive"} 0.125
                        {q="0.5", start="negative"} -0.2
                        {q="0.75", start="positive"} 0.45
                        {q="0.75", start="negative"} -0.15
                        {q="1.0", start="positive"} 1
                        {q="1.0", start="negative"} -0.1
                        """);
    }

    @Test
    void quantilesOutsideTheUnitInterval() {
        // histograms.test:642, 664, 686: infinities or NaN, and a warning
        quantile(-0.1, HISTOGRAM).assertSamples("{start=\"positive\"} -Inf\n{start=\"negative\"} -Inf")
                .assertWarning("quantile value should be between 0 and 1, got -0.1");
        quantile(1.01, HISTOGRAM).assertSamples("{start=\"positive\"} +Inf\n{start=\"negative\"} +Inf")
                .assertWarning("quantile value should be between 0 and 1, got 1.01");
        quantile(Double.NaN, HISTOGRAM).assertSamples("{start=\"positive\"} NaN\n{start=\"negative\"} NaN")
                .assertWarning("quantile value should be between 0 and 1, got NaN");
        // histograms.test:701: the warning comes even without input
        quantile(Double.NaN, "").assertEmpty().assertWarning("quantile value should be between 0 and 1, got NaN");
        // histograms.test:674, 696
        FunctionTester.call(new HistogramQuantilesFunction()).vector(v -> v.samples(HISTOGRAM)).string("q")
                .scalar(1.01).run().assertSamples("{q=\"1.01\", start=\"positive\"} +Inf\n"
                        + "{q=\"1.01\", start=\"negative\"} +Inf").assertWarning(
                        "quantile value should be between 0 and 1, got 1.01");
        FunctionTester.call(new HistogramQuantilesFunction()).vector(v -> v.samples(HISTOGRAM)).string("q")
                .scalar(Double.NaN).run().assertSamples("{q=\"NaN\", start=\"positive\"} NaN\n"
                        + "{q=\"NaN\", start=\"negative\"} NaN");
    }

    @Test
    void quantilesOfHistogram() {
        // histograms.test:709-760, and 764-790 on rate()s (the same buckets scaled by 1/600)
        String[][] cases = {{"0", "0", "-0.2"}, {"1", "1", "0.3"}, {"0.2", "0.048", "-0.2"}, {"0.5", "0.15", "-0.15"},
            {"0.8", "0.72", "0.3"}};
        for (String[] c : cases) {
            String want = "{start=\"positive\"} " + c[1] + "\n{start=\"negative\"} " + c[2];
            quantile(Double.parseDouble(c[0]), HISTOGRAM).assertSamples(want).assertNoWarnings();
            quantile(Double.parseDouble(c[0]), scaled(HISTOGRAM, 600)).assertSamples(want);
        }
    }

    @Test
    void quantilesInTheMiddleOfBuckets() {
        // histograms.test:22-27 at 7m (the 5m values), and 800-840
        String h2 = """
                testhistogram2_bucket{le="0"} 0
                testhistogram2_bucket{le="2"} 1
                testhistogram2_bucket{le="4"} 2
                testhistogram2_bucket{le="6"} 3
                testhistogram2_bucket{le="+Inf"} 3
                """;
        quantile(1. / 6., h2).assertSamples("{} 1");
        quantile(0.5, h2).assertSamples("{} 3");
        quantile(5. / 6., h2).assertSamples("{} 5");
        quantile(5. / 6., scaled(h2, 900)).assertSamples("{} 5");
    }

    @Test
    void aggregatedRequestDurations() {
        // histograms.test:47-59: per-5m increments; sums of rate()s by le scale them all alike
        String byLe = "{le=\"0.1\"} 10\n{le=\"0.2\"} 19\n{le=\"+Inf\"} 25";
        // histograms.test:851, 859
        quantile(0.3, scaled(byLe, 300)).assertSamples("{} 0.075");
        quantile(0.5, scaled(byLe, 300)).assertSamples("{} 0.1277777777777778");
        // histograms.test:883-893: by instance
        String byInstance = """
                {instance="ins1", le="0.1"} 4
                {instance="ins1", le="0.2"} 7
                {instance="ins1", le="+Inf"} 10
                {instance="ins2", le="0.1"} 6
                {instance="ins2", le="0.2"} 12
                {instance="ins2", le="+Inf"} 15
                """;
        quantile(0.3, byInstance).assertSamples("{instance=\"ins1\"} 0.075\n{instance=\"ins2\"} 0.075");
        quantile(0.5, byInstance).assertSamples("{instance=\"ins1\"} 0.1333333333\n{instance=\"ins2\"} 0.125");
        // histograms.test:953-975: unaggregated
        String all = """
                {job="job1", instance="ins1", le="0.1"} 1
                {job="job1", instance="ins1", le="0.2"} 3
                {job="job1", instance="ins1", le="+Inf"} 4
                {job="job1", instance="ins2", le="0.1"} 2
                {job="job1", instance="ins2", le="0.2"} 5
                {job="job1", instance="ins2", le="+Inf"} 6
                {job="job2", instance="ins1", le="0.1"} 3
                {job="job2", instance="ins1", le="0.2"} 4
                {job="job2", instance="ins1", le="+Inf"} 6
                {job="job2", instance="ins2", le="0.1"} 4
                {job="job2", instance="ins2", le="0.2"} 7
                {job="job2", instance="ins2", le="+Inf"} 9
                """;
        quantile(0.3, scaled(all, 300)).assertSamples("""
                {instance="ins1", job="job1"} 0.11
                {instance="ins2", job="job1"} 0.09
                {instance="ins1", job="job2"} 0.06
                {instance="ins2", job="job2"} 0.0675
                """);
        quantile(0.5, scaled(all, 300)).assertSamples("""
                {instance="ins1", job="job1"} 0.15
                {instance="ins2", job="job1"} 0.13333333333333333
                {instance="ins1", job="job2"} 0.1
                {instance="ins2", job="job2"} 0.11666666666666667
                """);
    }

    @Test
    void nonMonotonicBuckets() {
        // histograms.test:1016-1040 at 50m
        String buckets = """
                nonmonotonic_bucket{le="0.1"} 20
                nonmonotonic_bucket{le="1"} 10
                nonmonotonic_bucket{le="10"} 50
                nonmonotonic_bucket{le="100"} 40
                nonmonotonic_bucket{le="1000"} 90
                nonmonotonic_bucket{le="+Inf"} 80
                """;
        String info = "input to histogram_quantile needed to be fixed for monotonicity (see "
                + "https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile), from buckets 1 "
                + "to +Inf, with a max diff of 10, over 1 samples from 1970-01-01T00:50:00Z to 1970-01-01T00:50:00Z";
        for (String[] c : new String[][] {{"0.01", "0.0045"}, {"0.5", "8.5"}, {"0.99", "979.75"}}) {
            FunctionTester.call(new HistogramQuantileFunction()).at("50m").scalar(Double.parseDouble(c[0]))
                    .vector(v -> v.samples(buckets)).run().assertSamples("{} " + c[1]).assertInfo(info);
        }
        // histograms.test:1036: the counts are fixed in place by the first quantile, as in Prometheus
        FunctionTester.call(new HistogramQuantilesFunction()).at("50m").vector(v -> v.samples(buckets)).string("q")
                .scalar(0.01).scalar(0.5).scalar(0.99).run()
                .assertSamples("{q=\"0.01\"} 0.0045\n{q=\"0.5\"} 8.5\n{q=\"0.99\"} 979.75").assertInfo(info);
    }

    @Test
    void differentSpellingsOfOneBound() {
        // histograms.test:62-69 and 1042-1059, rate(mixed_bucket[10m]) at 50m
        String mixed = """
                mixed_bucket{job="job1", instance="ins1", le="0.1"} 1
                mixed_bucket{job="job1", instance="ins1", le="0.2"} 1
                mixed_bucket{job="job1", instance="ins1", le="2e-1"} 1
                mixed_bucket{job="job1", instance="ins1", le="2.0e-1"} 1
                mixed_bucket{job="job1", instance="ins1", le="+Inf"} 4
                mixed_bucket{job="job1", instance="ins2", le="+inf"} 0
                mixed_bucket{job="job1", instance="ins2", le="+Inf"} 0
                """;
        quantile(0.5, scaled(mixed, 300))
                .assertSamples("{instance=\"ins1\", job=\"job1\"} 0.15\n{instance=\"ins2\", job=\"job1\"} NaN");
        quantile(0.75, scaled(mixed, 300))
                .assertSamples("{instance=\"ins1\", job=\"job1\"} 0.2\n{instance=\"ins2\", job=\"job1\"} NaN");
        quantile(1, scaled(mixed, 300))
                .assertSamples("{instance=\"ins1\", job=\"job1\"} 0.2\n{instance=\"ins2\", job=\"job1\"} NaN");
        // histograms.test:1066: no observations
        quantile(0.2, "{le=\"0.1\", job=\"job1\", instance=\"ins1\"} 0\n{le=\"0.2\", job=\"job1\", instance=\"ins1\"} 0\n"
                + "{le=\"+Inf\", job=\"job1\", instance=\"ins1\"} 0").assertSamples("{instance=\"ins1\", job=\"job1\"} NaN");
        // histograms.test:1098: one constant histogram, all rates zero
        quantile(1, "{le=\"0.0\"} 0\n{le=\"1.0\"} 0\n{le=\"2.0\"} 0\n{le=\"+Inf\"} 0").assertSamples("{} NaN");
        // no +Inf bucket, or only one bucket
        quantile(0.5, "{le=\"1\"} 1\n{le=\"2\"} 2").assertSamples("{} NaN");
        quantile(0.5, "{le=\"+Inf\"} 2").assertSamples("{} NaN");
    }

    @Test
    void groupsKeepTheMetricNameForTheEngine() {
        // histograms.test:1078: two histograms differing only in name; the engine's name removal makes them
        // collide, which fails the query there
        Result r = quantile(0.99, """
                request_duration_seconds_bucket{job="job1", instance="ins1", le="0.1"} 10
                request_duration_seconds_bucket{job="job1", instance="ins1", le="+Inf"} 40
                request_duration_seconds2_bucket{job="job1", instance="ins1", le="0.1"} 10
                request_duration_seconds2_bucket{job="job1", instance="ins1", le="+Inf"} 40
                """);
        assertEquals(2, r.size());
        assertEquals(r.engineSamples().get(0).labels(), r.engineSamples().get(1).labels());
        assertEquals("request_duration_seconds_bucket", r.samples().get(0).labels().metricName());
    }

    @Test
    void badBucketLabels() {
        // histograms.test:1176-1212
        quantile(0.8, "series{ale=\"0.1\"} 2").assertEmpty().assertNoInfos().assertWarning(
                "bucket label \"le\" is missing or has a malformed value of \"\" for metric name \"series\"");
        fraction(Double.NEGATIVE_INFINITY, 1, "series{le=\"Hello World\"} 2").assertEmpty().assertWarning(
                "bucket label \"le\" is missing or has a malformed value of \"Hello World\" for metric name \"series\"");
        FunctionTester.call(new HistogramQuantilesFunction()).vector(v -> v.samples("series{ale=\"0.1\"} 2"))
                .string("q").scalar(0.1).scalar(0.2).run().assertEmpty().assertWarning(
                        "bucket label \"le\" is missing or has a malformed value of \"\" for metric name \"series\"");
        // without a name, without the name part
        quantile(0.8, "{le=\"x\"} 2").assertWarning("bucket label \"le\" is missing or has a malformed value of \"x\"");
    }

    @Test
    void goParseFloatRules() {
        boolean[] ok = new boolean[1];
        for (String s : List.of("1", "+Inf", "+inf", "-Inf", "inf", "Infinity", "NaN", "nan", ".5", "5.", "2e-1",
                "2.0e-1", "1E3", "0x1p-2", "0X1.8P1", "0x_1p0", "-0", "1e-400")) {
            GoFloats.parse(s, ok);
            assertTrue(ok[0], s);
        }
        for (String s : List.of("", "Hello World", "+nan", "1_000", "0x1", "1e400", "1d", " 1", "infin", ".", "0x")) {
            GoFloats.parse(s, ok);
            assertFalse(ok[0], s);
        }
        assertEquals(0.25, GoFloats.parse("0x1p-2", ok));
    }

    @Test
    void goFloatFormatting() {
        assertEquals("0.0", GoFloats.openMetrics(0));
        assertEquals("1.0", GoFloats.openMetrics(1));
        assertEquals("0.25", GoFloats.openMetrics(0.25));
        assertEquals("-0.1", GoFloats.openMetrics(-0.1));
        assertEquals("1e-05", GoFloats.openMetrics(0.00001));
        assertEquals("NaN", GoFloats.openMetrics(Double.NaN));
        assertEquals("10", GoFloats.g(10, 2));
        assertEquals("1e+02", GoFloats.g(100, 2));
        assertEquals("1.5e+02", GoFloats.g(150, 2));
        assertEquals("0.015", GoFloats.g(0.015, 2));
        assertEquals("5.5", GoFloats.g(5.5, 2));
        assertEquals("2.5", GoFloats.g(2.5));
        assertEquals("1e+21", GoFloats.g(1e21));
    }

    @Test
    void fractions() {
        String h2 = """
                testhistogram2_bucket{le="0"} 0
                testhistogram2_bucket{le="2"} 10
                testhistogram2_bucket{le="4"} 20
                testhistogram2_bucket{le="6"} 30
                testhistogram2_bucket{le="+Inf"} 30
                """;
        // histograms.test:119-137
        fraction(0, 4, h2).assertSamples("{} 0.6666666666666666").assertNoWarnings();
        fraction(0, 6, h2).assertSamples("{} 1");
        fraction(0, 3.5, h2).assertSamples("{} 0.5833333333333334");
        // histograms.test:145, 156
        fraction(0, 0.2, HISTOGRAM3).assertSamples("{start=\"positive\"} 0.6363636363636364\n{start=\"negative\"} 0");
        fraction(0, 0.2, scaled(HISTOGRAM3, 600))
                .assertSamples("{start=\"positive\"} 0.6363636363636364\n{start=\"negative\"} 0");
        String pos = "{le=\"1\"} 1\n{le=\"2\"} 3\n{le=\"3\"} 6\n{le=\"+Inf\"} 100";
        String neg = "{le=\"-3\"} 10\n{le=\"-2\"} 12\n{le=\"-1\"} 15\n{le=\"+Inf\"} 100";
        // histograms.test:172, 191, 211, 228, 245, 263, 281, 300, 318, 335, 350
        fraction(0, 1.5, pos).assertSamples("{} 0.02");
        fraction(-4, -2, neg).assertSamples("{} 0.02");
        fraction(Double.NEGATIVE_INFINITY, -1.5, neg).assertSamples("{} 0.135");
        fraction(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, pos).assertSamples("{} 1.0");
        fraction(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, neg).assertSamples("{} 1.0");
        fraction(4, 5, pos).assertSamples("{} 0.0");
        fraction(0, 1, neg).assertSamples("{} 0.0");
        fraction(2, 5, pos).assertSamples("{} 0.03");
        fraction(400, Double.POSITIVE_INFINITY, pos).assertSamples("{} 0.94");
        fraction(2, 2, pos).assertSamples("{} 0.0");
        fraction(3, 2, pos).assertSamples("{} 0.0");
        // histograms.test:365, 380, 399, 418, 437, 455, 475, 488, 501, 515, 529
        fraction(0, 1, "{le=\"+Inf\"} 100").assertSamples("{} 0.0");
        fraction(0, 5, "{le=\"1\"} 0\n{le=\"2\"} 0\n{le=\"3\"} 0\n{le=\"+Inf\"} 0").assertSamples("{} NaN");
        fraction(2, 3.5, pos).assertSamples("{} 0.03");
        fraction(0.5, 2, pos).assertSamples("{} 0.025");
        fraction(1, 3, pos).assertSamples("{} 0.05");
        fraction(0.1, 0.75, "{le=\"0.5\"} 2.5\n{le=\"1\"} 7.5\n{le=\"+Inf\"} 100").assertSamples("{} 0.045");
        fraction(-1, 1, "{le=\"-2\"} 5\n{le=\"-1\"} 10\n{le=\"0\"} 15\n{le=\"1\"} 20\n{le=\"+Inf\"} 100")
                .assertSamples("{} 0.1");
        fraction(Double.NaN, 1, "{le=\"1\"} 1\n{le=\"+Inf\"} 100").assertSamples("{} NaN");
        fraction(0, Double.NaN, "{le=\"1\"} 1\n{le=\"+Inf\"} 100").assertSamples("{} NaN");
        fraction(-10, -5, "{le=\"1\"} 1\n{le=\"2\"} 3\n{le=\"+Inf\"} 10").assertSamples("{} 0.0");
        fraction(5, 10, "{le=\"1\"} 1\n{le=\"2\"} 3\n{le=\"+Inf\"} 10").assertSamples("{} 0.0");
        fraction(0, 1, "").assertEmpty();
    }

    @Test
    void groupsAreReusedAcrossSteps() {
        FunctionTester t = FunctionTester.call(new HistogramQuantileFunction());
        for (int step = 1; step <= 4; step++) {
            double k = step;
            t.clearArgs().at(step * 60_000L).scalar(0.5).vector(v -> v
                    .sample("{le=\"1\"}", k).sample("{le=\"2\"}", 3 * k).sample("{le=\"+Inf\"}", 4 * k)).run()
                    .assertSamples("{} 1.5");
        }
        assertEquals(1, t.memoSize());
        // a histogram absent at a step gives nothing at that step
        t.clearArgs().scalar(0.5).vector(v -> { }).run().assertEmpty();
    }
}
