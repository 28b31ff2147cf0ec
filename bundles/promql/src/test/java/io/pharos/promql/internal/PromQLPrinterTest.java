package io.pharos.promql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PromQLPrinter#format}, the {@code /api/v1/format_query} rendering: one line up to 100
 * bytes, otherwise split by Prometheus' rules (operands and arguments one level deeper, operators
 * on their own line).
 */
class PromQLPrinterTest {

    static Stream<Arguments> formatted() {
        return Stream.of(
                Arguments.of("sum(rate(x[5m]))by(job)", "sum by (job) (rate(x[5m]))"),
                Arguments.of("a_very_long_metric_name_number_one{label=\"value\"} + "
                        + "a_very_long_metric_name_number_two{label=\"value\"}",
                        "  a_very_long_metric_name_number_one{label=\"value\"}\n"
                        + "+\n"
                        + "  a_very_long_metric_name_number_two{label=\"value\"}"),
                Arguments.of("a_very_long_metric_name_number_one{label=\"value\"} / on (instance, job) group_left (version) "
                        + "a_very_long_metric_name_two",
                        "  a_very_long_metric_name_number_one{label=\"value\"}\n"
                        + "/ on (instance, job) group_left (version)\n"
                        + "  a_very_long_metric_name_two"),
                Arguments.of("sum by (job, instance) (rate(http_requests_total{job=\"api-server\",instance=\"0\","
                        + "group=\"production\"}[5m])) / 2",
                        "  sum by (job, instance) (\n"
                        + "    rate(http_requests_total{group=\"production\",instance=\"0\",job=\"api-server\"}[5m])\n"
                        + "  )\n"
                        + "/\n"
                        + "  2"),
                Arguments.of("histogram_quantile(0.99, sum by (le) (rate(apiserver_request_duration_seconds_bucket"
                        + "{verb!=\"WATCH\"}[5m]))) > 1",
                        "  histogram_quantile(\n"
                        + "    0.99,\n"
                        + "    sum by (le) (rate(apiserver_request_duration_seconds_bucket{verb!=\"WATCH\"}[5m]))\n"
                        + "  )\n"
                        + ">\n"
                        + "  1"),
                Arguments.of("topk(10, sum without (instance) (rate(some_very_long_metric_name_for_testing_purposes_total"
                        + "{job=\"x\"}[5m])))",
                        "topk(\n"
                        + "  10,\n"
                        + "  sum without (instance) (rate(some_very_long_metric_name_for_testing_purposes_total{job=\"x\"}[5m]))\n"
                        + ")"),
                Arguments.of("-(a_very_long_metric_name_number_one{label=\"value\"} + "
                        + "a_very_long_metric_name_number_two{label=\"value\"})",
                        "-(\n"
                        + "    a_very_long_metric_name_number_one{label=\"value\"}\n"
                        + "  +\n"
                        + "    a_very_long_metric_name_number_two{label=\"value\"}\n"
                        + ")"),
                Arguments.of("label_replace(up{job=\"a_long_job_name_for_testing\", instance=\"some-host:9100\"}, \"host\", "
                        + "\"$1\", \"instance\", \"(.*):.*\")",
                        "label_replace(\n"
                        + "  up{instance=\"some-host:9100\",job=\"a_long_job_name_for_testing\"},\n"
                        + "  \"host\",\n"
                        + "  \"$1\",\n"
                        + "  \"instance\",\n"
                        + "  \"(.*):.*\"\n"
                        + ")"),
                // Prometheus does not indent a subquery short enough for one line.
                Arguments.of("quantile_over_time(0.99, rate(a_very_long_metric_name_number_one{label=\"some_longer_value\"}[5m])"
                        + "[30m:1m])",
                        "quantile_over_time(\n"
                        + "  0.99,\n"
                        + "rate(a_very_long_metric_name_number_one{label=\"some_longer_value\"}[5m])[30m:1m]\n"
                        + ")"),
                // Long label values are never split.
                Arguments.of("{__name__=\"" + "x".repeat(120) + "\"}", "{__name__=\"" + "x".repeat(120) + "\"}"),
                // The limit is in bytes: 71 characters, 116 bytes.
                Arguments.of("foo{a=\"" + "\u00e9".repeat(45) + "\"} + bar_" + "y".repeat(10),
                        "  foo{a=\"" + "\u00e9".repeat(45) + "\"}\n+\n  bar_" + "y".repeat(10)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("formatted")
    void formatsLikeFormatQuery(String query, String expected) {
        assertEquals(expected, PromQLPrinter.format(Parser.parse(query)));
        ParserTest.assertRoundTrip(query, ParserOptions.DEFAULT);
    }

    static Stream<Arguments> numbers() {
        return Stream.of(
                Arguments.of(0.1, "0.1", "0.1"),
                Arguments.of(1e20, "100000000000000000000", "1e+20"),
                Arguments.of(100000, "100000", "100000"),
                Arguments.of(1234567, "1234567", "1.234567e+06"),
                Arguments.of(1e-4, "0.0001", "0.0001"),
                Arguments.of(1e21, "1000000000000000000000", "1e+21"),
                Arguments.of(1e-5, "0.00001", "1e-05"),
                Arguments.of(1.5e-300, "0." + "0".repeat(299) + "15", "1.5e-300"),
                Arguments.of(123456789.125, "123456789.125", "1.23456789125e+08"),
                Arguments.of(-0.0, "-0", "-0"),
                Arguments.of(Double.NaN, "NaN", "NaN"),
                Arguments.of(Double.NEGATIVE_INFINITY, "-Inf", "-Inf"),
                Arguments.of(5e-324, "0." + "0".repeat(323) + "5", "5e-324"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("numbers")
    void formatsNumbersLikeGo(double v, String f, String verbV) {
        assertEquals(f, GoNumbers.formatF(v));
        assertEquals(verbV, GoNumbers.formatV(v));
    }

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of(0L, "0s"),
                Arguments.of(1L, "1ms"),
                Arguments.of(90L * 60_000, "1h30m"),
                Arguments.of(7L * 86_400_000, "1w"),
                Arguments.of(8L * 86_400_000, "8d"),
                Arguments.of(365L * 86_400_000, "1y"),
                Arguments.of(365L * 86_400_000 + 1000, "365d1s"),
                Arguments.of(86_400_000L + 3_723_004, "1d1h2m3s4ms"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("durations")
    void formatsDurationsLikePrometheus(long ms, String expected) throws Durations.DurationException {
        assertEquals(expected, Durations.format(ms));
        assertEquals(ms * 1_000_000L, Durations.parseNanos(expected));
    }
}
