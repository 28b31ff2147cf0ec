package io.pharos.promql.functions.overtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.MatchType;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import io.pharos.testkit.promql.FunctionTester;
import io.pharos.testkit.promql.MatrixInput;
import io.pharos.testkit.promql.Result;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Expected values are Prometheus' own, from the promqltest corpus: functions.test, line given per case. */
class OverTimeFunctionsTest {
    private static Result eval(PromQLFunction f, String at, String window, Consumer<MatrixInput> series) {
        return FunctionTester.call(f).at(at).matrix(m -> series.accept(m.window(window))).run();
    }

    // functions.test:2
    private static void resetsData(MatrixInput m) {
        m.load("http_requests{path=\"/foo\"}", "5m", "1 2 3 0 1 0 0 1 2 0")
                .load("http_requests{path=\"/bar\"}", "5m", "1 2 3 4 5 1 2 3 4 5")
                .load("http_requests{path=\"/biz\"}", "5m", "0 0 0 0 0 1 1 1 1 1");
    }

    @Test
    void signatures() {
        List<PromQLFunction> all = List.of(new AvgOverTimeFunction(), new MinOverTimeFunction(),
                new MaxOverTimeFunction(), new SumOverTimeFunction(), new CountOverTimeFunction(),
                new QuantileOverTimeFunction(), new StddevOverTimeFunction(), new StdvarOverTimeFunction(),
                new LastOverTimeFunction(), new PresentOverTimeFunction(), new AbsentOverTimeFunction(),
                new ChangesFunction(), new ResetsFunction(), new MadOverTimeFunction(), new FirstOverTimeFunction(),
                new TsOfMaxOverTimeFunction(), new TsOfMinOverTimeFunction(), new TsOfLastOverTimeFunction(),
                new TsOfFirstOverTimeFunction());
        Set<String> experimental = Set.of("mad_over_time", "first_over_time", "ts_of_max_over_time",
                "ts_of_min_over_time", "ts_of_last_over_time", "ts_of_first_over_time");
        Set<String> keepName = Set.of("last_over_time", "first_over_time");
        for (PromQLFunction f : all) {
            List<ValueType> args = f.name().equals("quantile_over_time")
                    ? List.of(ValueType.SCALAR, ValueType.MATRIX) : List.of(ValueType.MATRIX);
            assertEquals(args, f.argTypes(), f.name());
            assertEquals(0, f.variadic(), f.name());
            assertEquals(ValueType.VECTOR, f.returnType(), f.name());
            assertEquals(experimental.contains(f.name()), f.experimental(), f.name());
            assertEquals(keepName.contains(f.name()), f.keepsMetricName(), f.name());
        }
        assertEquals(19, all.stream().map(PromQLFunction::name).distinct().count());
    }

    @Test
    void resets() {
        // functions.test:11-43
        eval(new ResetsFunction(), "50m", "5m", OverTimeFunctionsTest::resetsData).assertEmpty();
        eval(new ResetsFunction(), "50m", "10m", OverTimeFunctionsTest::resetsData)
                .assertSamples("{path=\"/foo\"} 0\n{path=\"/bar\"} 0\n{path=\"/biz\"} 0");
        eval(new ResetsFunction(), "50m", "20m", OverTimeFunctionsTest::resetsData)
                .assertSamples("{path=\"/foo\"} 1\n{path=\"/bar\"} 0\n{path=\"/biz\"} 0");
        eval(new ResetsFunction(), "50m", "30m", OverTimeFunctionsTest::resetsData)
                .assertSamples("{path=\"/foo\"} 1\n{path=\"/bar\"} 0\n{path=\"/biz\"} 0");
        eval(new ResetsFunction(), "50m", "32m", OverTimeFunctionsTest::resetsData)
                .assertSamples("{path=\"/foo\"} 2\n{path=\"/bar\"} 1\n{path=\"/biz\"} 0");
        eval(new ResetsFunction(), "50m", "50m", OverTimeFunctionsTest::resetsData)
                .assertSamples("{path=\"/foo\"} 3\n{path=\"/bar\"} 1\n{path=\"/biz\"} 0");
        eval(new ResetsFunction(), "50m", "50m", m -> { }).assertEmpty();
    }

    @Test
    void resetsSeenInStartTimestamps() {
        // A restart the values hide: counting began again at 6m30s, between the samples at 6m and 7m.
        eval(new ResetsFunction(), "8m", "5m", m -> m.series("x_total",
                new long[] {60_000, 60_000, 60_000, 390_000, 390_000},
                240_000, 100, 300_000, 200, 360_000, 300, 420_000, 400, 480_000, 500))
                .assertSamples("{} 1");
        // a delta series: every sample counts from the previous one
        eval(new ResetsFunction(), "8m", "5m", m -> m.series("x_total",
                new long[] {180_000, 240_000, 300_000}, 240_000, 60, 300_000, 60, 360_000, 60))
                .assertSamples("{} 2");
        // unknown (0) and invalid (after the sample) starts say nothing
        eval(new ResetsFunction(), "8m", "5m", m -> m.series("x_total",
                new long[] {0, 300_001, 360_001}, 240_000, 60, 300_000, 60, 360_000, 60))
                .assertSamples("{} 0");
    }

    @Test
    void changes() {
        // functions.test:58-85
        eval(new ChangesFunction(), "50m", "5m", OverTimeFunctionsTest::resetsData).assertEmpty();
        eval(new ChangesFunction(), "50m", "6m", OverTimeFunctionsTest::resetsData)
                .assertSamples("{path=\"/foo\"} 0\n{path=\"/bar\"} 0\n{path=\"/biz\"} 0");
        eval(new ChangesFunction(), "50m", "20m", OverTimeFunctionsTest::resetsData)
                .assertSamples("{path=\"/foo\"} 2\n{path=\"/bar\"} 2\n{path=\"/biz\"} 0");
        eval(new ChangesFunction(), "50m", "30m", OverTimeFunctionsTest::resetsData)
                .assertSamples("{path=\"/foo\"} 3\n{path=\"/bar\"} 4\n{path=\"/biz\"} 0");
        eval(new ChangesFunction(), "50m", "50m", OverTimeFunctionsTest::resetsData)
                .assertSamples("{path=\"/foo\"} 7\n{path=\"/bar\"} 8\n{path=\"/biz\"} 1");
        // functions.test:103-110: NaN to NaN is no change, NaN to 0 is one
        eval(new ChangesFunction(), "15m", "20m", m -> m
                .load("x{a=\"b\"}", "5m", "NaN NaN NaN").load("x{a=\"c\"}", "5m", "0 NaN 0"))
                .assertSamples("{a=\"b\"} 0\n{a=\"c\"} 2");
    }

    // functions.test:937-951
    private static final String[][] AVG_DATA = {
        {"metric", "1 2 3 4 5", "3", "3"},
        {"metric2", "1 2 3 4 Inf", "Inf", "Inf"},
        {"metric3", "1 2 3 4 -Inf", "-Inf", "-Inf"},
        {"metric4", "1 2 3 Inf -Inf", "NaN", "NaN"},
        {"metric5", "Inf 0 Inf", "Inf", "Inf"},
        {"metric5b", "Inf 0 Inf", "Inf", "Inf"},
        {"metric5c", "Inf Inf Inf -Inf", "NaN", "NaN"},
        {"metric6", "1 2 3 -Inf -Inf", "-Inf", "-Inf"},
        {"metric6b", "-Inf 0 -Inf", "-Inf", "-Inf"},
        {"metric6c", "-Inf -Inf -Inf Inf", "NaN", "NaN"},
        {"metric7", "1 2 -Inf -Inf Inf", "NaN", "NaN"},
        {"metric8", "9.988465674311579e+307 9.988465674311579e+307", "9.988465674311579e+307", "+Inf"},
        {"metric9", "-9.988465674311579e+307 -9.988465674311579e+307 -9.988465674311579e+307",
            "-9.988465674311579e+307", "-Inf"},
        {"metric10", "-9.988465674311579e+307 9.988465674311579e+307", "0", "0"},
        {"metric11", "1 2 3 NaN NaN", "NaN", "NaN"},
    };

    @Test
    void avgAndSumOverTime() {
        // functions.test:954-1057, each avg_over_time(x[1m]) and sum_over_time(x[1m])/count_over_time(x[1m]) at 55s
        for (String[] row : AVG_DATA) {
            eval(new AvgOverTimeFunction(), "55s", "1m", m -> m.load(row[0], "10s", row[1]))
                    .assertSamples("{} " + row[2]);
            double sum = eval(new SumOverTimeFunction(), "55s", "1m", m -> m.load(row[0], "10s", row[1])).value();
            double count = eval(new CountOverTimeFunction(), "55s", "1m", m -> m.load(row[0], "10s", row[1])).value();
            assertTrue(Result.almostEqual(io.pharos.testkit.promql.Notation.number(row[3]), sum / count),
                    () -> row[0] + ": " + sum / count);
        }
        // functions.test:954, 957
        eval(new AvgOverTimeFunction(), "55s", "10s", m -> m.load("metric", "10s", "1 2 3 4 5")).assertEmpty();
        eval(new AvgOverTimeFunction(), "55s", "20s", m -> m.load("metric", "10s", "1 2 3 4 5")).assertSamples("{} 5");
        // functions.test:1048, 1051
        eval(new AvgOverTimeFunction(), "20s", "1m", m -> m.load("metric11", "10s", "1 2 3 NaN NaN"))
                .assertSamples("{} 2");
        eval(new AvgOverTimeFunction(), "30s", "1m", m -> m.load("metric11", "10s", "1 2 3 NaN NaN"))
                .assertSamples("{} NaN");
        // functions.test:1084, 1087: Kahan summation keeps the small values
        eval(new SumOverTimeFunction(), "1m", "2m", m -> m.load("metric", "10s", "1 1e100 1 -1e100"))
                .assertSamples("{} 2");
        eval(new AvgOverTimeFunction(), "1m", "2m", m -> m.load("metric", "10s", "1 1e100 1 -1e100"))
                .assertSamples("{} 0.5");
    }

    @Test
    void avgOverTimeExtremeValues() {
        // functions.test:1092-1152
        String[][] cases = {
            {"1e10 1e-6 1e-6 1e-6 1e-6 1e-6", "1.6666666666666675e+09"},
            {"5.30921651659898 0.961118537914768 1.62091361305318 0.865089463758091 0.323055185914577 "
                + "0.951811357687154", "1.67186744582113"},
            {"1.78264e50 0.76342771 1.9592258 7.69805412 458.90154", "3.56528E+49"},
            {"0.76342771 1.9592258 7.69805412 1.78264e50 458.90154", "3.56528E+49"},
            {"1.78264E+50 0.76342771 1.9592258 2.258E+220 7.69805412 458.90154", "3.76333333333333E+219"},
            {"-1.78264E+50 0.76342771 1.9592258 2.258E+220 7.69805412 -458.90154", "3.76333333333333E+219"},
            {"-1.78264E+50 0.76342771 1.9592258 -2.258E+220 7.69805412 -458.90154", "-3.76333333333333E+219"},
            {"-1.78264E+215 0.76342771 1.9592258 2.258E+220 7.69805412 -458.90154", "3.76330362266667E+219"},
            {"-1.78264E+215 0.76342771 1.9592258 2.258E+220 7.69805412 1.78264E+215 -458.90154",
                "3.225714285714286e+219"},
            {"-1.78264E+219 0.76342771 1.9592258 2.3757689E+217 -2.3757689E+217 2.258E+220 7.69805412 "
                + "1.78264E+219 -458.90154", "2.5088888888888888e+219"},
            {"-2.258E+220 -1.78264E+219 0.76342771 1.9592258 2.3757689E+217 -2.3757689E+217 2.258E+220 "
                + "7.69805412 1.78264E+219 -458.90154", "0"},
        };
        for (String[] c : cases) {
            eval(new AvgOverTimeFunction(), "55s", "1m", m -> m.load("metric", "5s", c[0])).assertSamples("{} " + c[1]);
        }
        // functions.test:1158-1190: direct mean calculation is exact for constant input
        for (String w : List.of("100s", "110s", "120s", "130s")) {
            double avg = eval(new AvgOverTimeFunction(), "10m", w, m -> m.load("foo", "10s", "52+0x100")).value();
            assertEquals(52.0, avg, 0.0, w);
        }
    }

    @Test
    void sumOverTimeOfDenseSamples() {
        // functions.test:1193-1231
        for (long ms : new long[] {1000, 1001, 1002, 1003, 2000, 2001, 2002, 2003, 3000, 3001, 3002, 3003}) {
            Result r = FunctionTester.call(new SumOverTimeFunction()).at(4000)
                    .matrix(m -> m.window(ms).load(io.pharos.testkit.promql.Notation.labels("metric"), 1, "1+0x4000"))
                    .run();
            r.assertSamples("{} " + ms);
        }
    }

    @Test
    void stddevAndStdvar() {
        // functions.test:1236-1247
        eval(new StdvarOverTimeFunction(), "1m", "2m", m -> m.load("metric", "10s", "0 8 8 2 3"))
                .assertSamples("{} 10.56");
        eval(new StddevOverTimeFunction(), "1m", "2m", m -> m.load("metric", "10s", "0 8 8 2 3"))
                .assertSamples("{} 3.249615");
        // functions.test:1266-1274: constant input has exactly zero variance
        String same = "1.5990505637277868 1.5990505637277868 1.5990505637277868";
        assertEquals(0.0, eval(new StdvarOverTimeFunction(), "55s", "1m", m -> m.load("metric", "10s", same)).value());
        assertEquals(0.0, eval(new StddevOverTimeFunction(), "55s", "1m", m -> m.load("metric", "10s", same)).value());
    }

    @Test
    void madOverTime() {
        // functions.test:1277-1309
        eval(new MadOverTimeFunction(), "70s", "70s", m -> m.load("metric", "10s", "4 6 2 1 999 1 2"))
                .assertSamples("{} 1");
        eval(new MadOverTimeFunction(), "40s", "50s", m -> m.load("metric_odd", "10s", "1 2 3 4 5"))
                .assertSamples("{} 1");
        eval(new MadOverTimeFunction(), "40s", "50s", m -> m.load("metric_equal", "10s", "7 7 7 7 7"))
                .assertSamples("{} 0");
        eval(new MadOverTimeFunction(), "0s", "10s", m -> m.load("metric_single", "10s", "5"))
                .assertSamples("{} 0");
        eval(new MadOverTimeFunction(), "30s", "40s", m -> m.load("metric_nan", "10s", "1 2 NaN 4"))
                .assertSamples("{} NaN");
    }

    @Test
    void timestampsOfExtremesAndEnds() {
        long interval = 10_053; // functions.test:1321, "load 10s53ms" to catch rounding bugs
        Consumer<MatrixInput> metric = m -> m.load(io.pharos.testkit.promql.Notation.labels("metric"), interval,
                "1 2 3 0 5 6 2 1 4");
        // functions.test:1324, 1327
        eval(new TsOfMinOverTimeFunction(), "90s", "90s", metric).assertSamples("{} 30.159");
        eval(new TsOfMaxOverTimeFunction(), "90s", "90s", metric).assertSamples("{} 50.265");
        // functions.test:1334-1341
        Consumer<MatrixInput> last = m -> m.load(io.pharos.testkit.promql.Notation.labels("metric"), interval,
                "1 2 3 _ _");
        eval(new TsOfLastOverTimeFunction(), "90s", "90s", last).assertSamples("{} 20.106");
        eval(new TsOfLastOverTimeFunction(), "95s", "90s", last).assertSamples("{} 20.106");
        // functions.test:1352-1363
        Consumer<MatrixInput> first = m -> m.load(io.pharos.testkit.promql.Notation.labels("metric"), interval,
                "_ _ 1 2 3 _ _");
        eval(new TsOfFirstOverTimeFunction(), "90s", "90s", first).assertSamples("{} 20.106");
        eval(new TsOfFirstOverTimeFunction(), "95s", "90s", first).assertSamples("{} 20.106");
        eval(new TsOfFirstOverTimeFunction(), "15s", "90s", first).assertEmpty();
        // ties: max_over_time keeps the value, ts_of_max the last time it occurred
        Consumer<MatrixInput> ties = m -> m.series("{}", 1000, 5, 2000, 5, 3000, 1);
        eval(new TsOfMaxOverTimeFunction(), "3s", "3s", ties).assertSamples("{} 2");
        eval(new TsOfMinOverTimeFunction(), "3s", "3s", m -> m.series("{}", 1000, 1, 2000, 5, 3000, 1))
                .assertSamples("{} 3");
    }

    @Test
    void quantileOverTime() {
        Consumer<MatrixInput> data = m -> m // functions.test:1374-1377
                .load("data{test=\"two samples\"}", "10s", "0 1")
                .load("data{test=\"three samples\"}", "10s", "0 1 2")
                .load("data{test=\"uneven samples\"}", "10s", "0 1 4");
        String[][] cases = { // functions.test:1381-1414
            {"0", "0", "0", "0"},
            {"0.5", "0.5", "1", "1"},
            {"0.75", "0.75", "1.5", "2.5"},
            {"0.8", "0.8", "1.6", "2.8"},
            {"1", "1", "2", "4"},
            {"-1", "-Inf", "-Inf", "-Inf"},
            {"2", "+Inf", "+Inf", "+Inf"},
        };
        for (String[] c : cases) {
            double q = Double.parseDouble(c[0]);
            Result r = FunctionTester.call(new QuantileOverTimeFunction()).at("1m").scalar(q)
                    .matrix(m -> data.accept(m.window("2m"))).run();
            r.assertSamples("{test=\"two samples\"} " + c[1] + "\n{test=\"three samples\"} " + c[2]
                    + "\n{test=\"uneven samples\"} " + c[3]);
            if (q < 0 || q > 1) { // functions.test:1416-1435 expect warn
                r.assertWarning("quantile value should be between 0 and 1, got " + c[0]);
            } else {
                r.assertNoWarnings();
            }
        }
        // NaN counts as the smallest value (aggregators.test:503 for the quantile aggregation)
        FunctionTester.call(new QuantileOverTimeFunction()).at("1m").scalar(0.8)
                .matrix(m -> m.window("2m").load("{}", "10s", "0 1 NaN")).run().assertSamples("{} 0.6");
        FunctionTester.call(new QuantileOverTimeFunction()).at("1m").scalar(0.2)
                .matrix(m -> m.window("2m").load("{}", "10s", "0 1 NaN")).run().assertSamples("{} NaN");
        // no series, no warning
        FunctionTester.call(new QuantileOverTimeFunction()).at("1m").scalar(Double.NaN)
                .matrix(m -> m.window("2m")).run().assertEmpty().assertNoWarnings();
        Result nan = FunctionTester.call(new QuantileOverTimeFunction()).at("1m").scalar(Double.NaN)
                .matrix(m -> data.accept(m.window("2m"))).run();
        nan.assertWarning("quantile value should be between 0 and 1, got NaN");
        assertTrue(Double.isNaN(nan.samples().get(0).value()));
    }

    @Test
    void quantileOverTimeReusesItsWorkArray() {
        FunctionTester t = FunctionTester.call(new QuantileOverTimeFunction());
        for (int step = 0; step < 5; step++) {
            t.clearArgs().at(60_000 + step * 10_000L).scalar(0.5)
                    .matrix(m -> m.window("30s").load("{}", "10s", "0+1x100")).run().assertSamples("{} " + (5 + step));
        }
        assertEquals(1, t.memoSize());
    }

    // functions.test:1566-1574
    private static void overTimeData(MatrixInput m) {
        m.load("data{type=\"numbers\"}", "10s", "2 0 3")
                .load("data{type=\"some_nan\"}", "10s", "2 0 NaN")
                .load("data{type=\"some_nan2\"}", "10s", "2 NaN 1")
                .load("data{type=\"some_nan3\"}", "10s", "NaN 0 1")
                .load("data{type=\"only_nan\"}", "10s", "NaN NaN NaN")
                .load("data_sparse{type=\"sparse_numbers\"}", "10s", "_ 5 2 _ 4 _")
                .load("data_empty{type=\"empty_series\"}", "10s", "_ _ _ _ _ _ _ _ _ _ _ _ _");
    }

    @Test
    void minMaxLastFirstCount() {
        // functions.test:1585-1591, 1602
        eval(new MinOverTimeFunction(), "1m", "2m", OverTimeFunctionsTest::overTimeData).assertSamples("""
                {type="numbers"} 0
                {type="some_nan"} 0
                {type="some_nan2"} 1
                {type="some_nan3"} 0
                {type="only_nan"} NaN
                {type="sparse_numbers"} 2
                """);
        // functions.test:1605-1611, 1622
        eval(new MaxOverTimeFunction(), "1m", "2m", OverTimeFunctionsTest::overTimeData).assertSamples("""
                {type="numbers"} 3
                {type="some_nan"} 2
                {type="some_nan2"} 2
                {type="some_nan3"} 1
                {type="only_nan"} NaN
                {type="sparse_numbers"} 5
                """);
        // functions.test:1625-1635, keeping the metric name
        eval(new LastOverTimeFunction(), "1m", "2m", OverTimeFunctionsTest::overTimeData).assertSamples("""
                data{type="numbers"} 3
                data{type="some_nan"} NaN
                data{type="some_nan2"} 1
                data{type="some_nan3"} 1
                data{type="only_nan"} NaN
                data_sparse{type="sparse_numbers"} 4
                """);
        // functions.test:1637-1647
        eval(new FirstOverTimeFunction(), "1m", "2m", OverTimeFunctionsTest::overTimeData).assertSamples("""
                data{type="numbers"} 2
                data{type="some_nan"} 2
                data{type="some_nan2"} 2
                data{type="some_nan3"} NaN
                data{type="only_nan"} NaN
                data_sparse{type="sparse_numbers"} 5
                """);
        // functions.test:1649-1659
        eval(new CountOverTimeFunction(), "1m", "2m", OverTimeFunctionsTest::overTimeData).assertSamples("""
                {type="numbers"} 3
                {type="some_nan"} 3
                {type="some_nan2"} 3
                {type="some_nan3"} 3
                {type="only_nan"} 3
                {type="sparse_numbers"} 3
                """);
    }

    // functions.test:1796-1801 is the data; null selects instance="127.0.0.1", "none" nothing
    private static Result absent(String at, String window, String selectedName, LabelMatcher... matchers) {
        return FunctionTester.call(new AbsentOverTimeFunction()).at(at)
                .matrix(m -> filtered(m.window(window).selector(matchers), selectedName)).run();
    }

    /** Only the series the selector would select: by metric name, "instance" for instance="127.0.0.1". */
    private static MatrixInput filtered(MatrixInput m, String name) {
        if (name == null) {
            filtered(m, "http_requests_total");
            filtered(m, "httpd_log_lines_total");
            filtered(m, "httpd_handshake_failures_total");
        } else if (name.equals("http_requests_total")) {
            m.load("http_requests_total{path=\"/foo\",instance=\"127.0.0.1\",job=\"httpd\"}", "1m", "1+1x10")
                    .load("http_requests_total{path=\"/bar\",instance=\"127.0.0.1\",job=\"httpd\"}", "1m", "1+1x10");
        } else if (name.equals("httpd_log_lines_total")) {
            m.load("httpd_log_lines_total{instance=\"127.0.0.1\",job=\"node\"}", "1m", "1");
        } else if (name.equals("httpd_handshake_failures_total")) {
            m.load("httpd_handshake_failures_total{instance=\"127.0.0.1\",job=\"node\"}", "1m", "1+1x15");
        } else if (name.equals("ingress")) {
            m.load("ssl_certificate_expiry_seconds{job=\"ingress\"}", "1m", "NaN NaN NaN NaN NaN");
        }
        return m;
    }

    private static LabelMatcher eq(String name, String value) {
        return LabelMatcher.of(name, MatchType.EQUAL, value);
    }

    @Test
    void absentOverTime() {
        // functions.test:1777-1793, no data loaded yet
        absent("1m", "5m", "none", eq("__name__", "http_requests_total")).assertSamples("{} 1");
        absent("1m", "5m", "none", eq("__name__", "http_requests_total"), eq("handler", "/foo"))
                .assertSamples("{handler=\"/foo\"} 1");
        absent("1m", "5m", "none", eq("__name__", "http_requests_total"),
                LabelMatcher.of("handler", MatchType.NOT_EQUAL, "/foo")).assertSamples("{} 1");
        absent("1m", "5m", "none", eq("__name__", "http_requests_total"), eq("handler", "/foo"), eq("handler", "/bar"),
                eq("handler", "/foobar")).assertSamples("{} 1");
        absent("1m", "5m", "none").assertSamples("{} 1"); // not a selector: absent_over_time(rate(...)[5m:])
        absent("1m", "5m", "none", eq("__name__", "http_requests_total"), eq("handler", "/foo"), eq("handler", "/bar"),
                eq("instance", "127.0.0.1")).assertSamples("{instance=\"127.0.0.1\"} 1");
        // functions.test:1803-1840
        absent("5m", "5m", "http_requests_total", eq("__name__", "http_requests_total")).assertEmpty();
        absent("0m", "30s", "httpd_log_lines_total", eq("__name__", "httpd_log_lines_total")).assertEmpty();
        absent("1m", "30s", "httpd_log_lines_total", eq("__name__", "httpd_log_lines_total")).assertSamples("{} 1");
        absent("15m", "5m", "http_requests_total", eq("__name__", "http_requests_total")).assertSamples("{} 1");
        absent("15m", "10m", "http_requests_total", eq("__name__", "http_requests_total")).assertEmpty();
        absent("16m", "6m", "http_requests_total", eq("__name__", "http_requests_total")).assertSamples("{} 1");
        absent("16m", "16m", "http_requests_total", eq("__name__", "http_requests_total")).assertEmpty();
        absent("16m", "1m", "httpd_handshake_failures_total", eq("__name__", "httpd_handshake_failures_total"))
                .assertSamples("{} 1");
        absent("16m", "2m", "httpd_handshake_failures_total", eq("__name__", "httpd_handshake_failures_total"))
                .assertEmpty();
        absent("16m", "5m", null, eq("instance", "127.0.0.1")).assertEmpty();
        absent("21m", "5m", null, eq("instance", "127.0.0.1")).assertSamples("{instance=\"127.0.0.1\"} 1");
        absent("21m", "20m", null, eq("instance", "127.0.0.1")).assertEmpty();
        absent("21m", "20m", "none", eq("job", "grok")).assertSamples("{job=\"grok\"} 1");
        // NaN samples are samples: functions.test:1834-1837
        absent("5m", "4m", "ingress", eq("job", "ingress")).assertEmpty();
        absent("10m", "4m", "ingress", eq("job", "ingress")).assertSamples("{job=\"ingress\"} 1");
    }

    @Test
    void presentOverTime() {
        // functions.test:1880-1912
        Result r = FunctionTester.call(new PresentOverTimeFunction()).at("5m")
                .matrix(m -> filtered(m.window("5m"), "http_requests_total")).run();
        r.assertSamples("""
                {instance="127.0.0.1", job="httpd", path="/bar"} 1
                {instance="127.0.0.1", job="httpd", path="/foo"} 1
                """);
        FunctionTester.call(new PresentOverTimeFunction()).at("0m")
                .matrix(m -> filtered(m.window("30s"), "httpd_log_lines_total")).run()
                .assertSamples("{instance=\"127.0.0.1\",job=\"node\"} 1");
        FunctionTester.call(new PresentOverTimeFunction()).at("1m")
                .matrix(m -> filtered(m.window("30s"), "httpd_log_lines_total")).run().assertEmpty();
        FunctionTester.call(new PresentOverTimeFunction()).at("16m")
                .matrix(m -> filtered(m.window("5m"), null)).run()
                .assertSamples("{instance=\"127.0.0.1\",job=\"node\"} 1");
        FunctionTester.call(new PresentOverTimeFunction()).at("5m")
                .matrix(m -> filtered(m.window("4m"), "ingress")).run().assertSamples("{job=\"ingress\"} 1");
        FunctionTester.call(new PresentOverTimeFunction()).at("10m")
                .matrix(m -> filtered(m.window("4m"), "ingress")).run().assertEmpty();
    }

    @Test
    void absentLabelsMemoizedPerCallSite() {
        FunctionTester t = FunctionTester.call(new AbsentOverTimeFunction());
        for (int i = 0; i < 3; i++) {
            t.clearArgs().at(i * 1000L).matrix(m -> m.window(1000).selector(eq("job", "a"))).run()
                    .assertSamples("{job=\"a\"} 1");
        }
        assertEquals(1, t.memoSize());
    }

    @Test
    void goFormatMatchesPercentG() {
        assertEquals("-1", GoFormat.g(-1));
        assertEquals("2", GoFormat.g(2));
        assertEquals("1.5", GoFormat.g(1.5));
        assertEquals("NaN", GoFormat.g(Double.NaN));
        assertEquals("+Inf", GoFormat.g(Double.POSITIVE_INFINITY));
        assertEquals("1e+06", GoFormat.g(1e6));
        assertEquals("123456", GoFormat.g(123456));
        assertEquals("1.234567e+06", GoFormat.g(1234567));
        assertEquals("0.0001", GoFormat.g(0.0001));
        assertEquals("1e-05", GoFormat.g(0.00001));
        assertEquals("0.1", GoFormat.g(0.1));
        assertEquals("-0.25", GoFormat.g(-0.25));
        assertEquals("1.7976931348623157e+308", GoFormat.g(Double.MAX_VALUE));
        assertEquals("5e-324", GoFormat.g(Double.MIN_VALUE));
    }

    @Test
    void quantileSortsNaNFirst() {
        double[] v = {3, Double.NaN, 1, Double.NaN, 2};
        Quantiles.sortNaNFirst(v, 5);
        assertTrue(Double.isNaN(v[0]) && Double.isNaN(v[1]));
        assertEquals(1, v[2]);
        assertEquals(3, v[4]);
        assertFalse(Double.isNaN(Quantiles.quantile(1, new double[] {1, Double.NaN}, 2)));
    }
}
