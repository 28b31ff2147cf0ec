package io.pharos.promql.functions.time.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import io.pharos.testkit.promql.FunctionTester;
import io.pharos.testkit.promql.Result;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Expected values from the promqltest corpus, functions.test (line given per case). */
class TimeFunctionsTest {
    private static final List<DateFunction> DATE_FUNCTIONS = List.of(new DayOfMonthFunction(),
            new DayOfWeekFunction(), new DayOfYearFunction(), new DaysInMonthFunction(), new HourFunction(),
            new MinuteFunction(), new MonthFunction(), new YearFunction());

    private static double at0(PromQLFunction f) {
        return FunctionTester.call(f).at(0).run().value();
    }

    private static double of(PromQLFunction f, double seconds) {
        return FunctionTester.call(f).vector(v -> v.sample("{}", seconds)).run().value();
    }

    @Test
    void signatures() {
        for (DateFunction f : DATE_FUNCTIONS) {
            assertEquals(List.of(ValueType.VECTOR), f.argTypes(), f.name());
            assertEquals(1, f.variadic(), f.name());
            assertEquals(ValueType.VECTOR, f.returnType());
            assertFalse(f.experimental());
            assertFalse(f.keepsMetricName());
        }
        assertEquals(List.of(), new TimeFunction().argTypes());
        assertEquals(ValueType.SCALAR, new TimeFunction().returnType());
        assertEquals(List.of(ValueType.VECTOR), new TimestampFunction().argTypes());
        assertFalse(new TimestampFunction().keepsMetricName());
    }

    @Test
    void time() {
        // functions.test:1445, 1449, 1426
        FunctionTester.call(new TimeFunction()).at(1).run().assertScalar(0.001);
        FunctionTester.call(new TimeFunction()).at("50m").run().assertScalar(3000);
    }

    @Test
    void datesWithoutArgumentUseTheEvaluationTime() {
        // functions.test:1442-1496
        assertEquals(1970, at0(new YearFunction()));
        assertEquals(1, at0(new MonthFunction()));
        assertEquals(1, at0(new DayOfMonthFunction()));
        assertEquals(1, at0(new DayOfYearFunction()));
        assertEquals(4, at0(new DayOfWeekFunction())); // Thursday
        assertEquals(0, at0(new HourFunction()));
        assertEquals(0, at0(new MinuteFunction()));
        FunctionTester.call(new YearFunction()).at("50m").run().assertSamples("{} 1970");
    }

    @Test
    void datesOfGivenTimes() {
        // functions.test:1451-1500: 1136239445 is 2006-01-02 22:04:05 UTC, a Monday
        assertEquals(2006, of(new YearFunction(), 1136239445));
        assertEquals(1, of(new MonthFunction(), 1136239445));
        assertEquals(2, of(new DayOfMonthFunction(), 1136239445));
        assertEquals(2, of(new DayOfYearFunction(), 1136239445));
        assertEquals(1, of(new DayOfWeekFunction(), 1136239445));
        assertEquals(22, of(new HourFunction(), 1136239445));
        assertEquals(4, of(new MinuteFunction(), 1136239445));
        // functions.test:1503-1533
        assertEquals(2008, of(new YearFunction(), 1230767999));
        assertEquals(2009, of(new YearFunction(), 1230768000));
        assertEquals(2, of(new MonthFunction(), 1456790399));
        assertEquals(29, of(new DayOfMonthFunction(), 1456790399));
        assertEquals(3, of(new MonthFunction(), 1456790400));
        assertEquals(1, of(new DayOfMonthFunction(), 1456790400));
        assertEquals(366, of(new DayOfYearFunction(), 1483191420));
        assertEquals(365, of(new DayOfYearFunction(), 1672493820));
        assertEquals(29, of(new DaysInMonthFunction(), 1454284800));
        assertEquals(28, of(new DaysInMonthFunction(), 1485907200));
    }

    @Test
    void fractionalAndNegativeSecondsTruncateTowardZero() {
        assertEquals(59, of(new MinuteFunction(), -0.5 + 3599.9)); // 3599.4 -> 3599 s -> 00:59
        assertEquals(1969, of(new YearFunction(), -1)); // 1969-12-31 23:59:59
        assertEquals(23, of(new HourFunction(), -1));
        assertEquals(1970, of(new YearFunction(), -0.9)); // truncates to 0
        assertEquals(3, of(new DayOfWeekFunction(), -1)); // a Wednesday
        // the evaluation time is truncated toward zero too: -1.5 s is second -1
        assertEquals(23, FunctionTester.call(new HourFunction()).at(-1500).run().value());
    }

    @Test
    void agreesWithJavaTimeOverAWideRange() {
        Random r = new Random(7);
        for (int i = 0; i < 5000; i++) {
            long s = (long) ((r.nextDouble() - 0.3) * 2e11);
            ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochSecond(s), ZoneOffset.UTC);
            assertEquals(t.getYear(), GoTime.year(s), () -> "at " + s);
            assertEquals(t.getMonthValue(), GoTime.month(s));
            assertEquals(t.getDayOfMonth(), GoTime.dayOfMonth(s));
            assertEquals(t.getDayOfYear(), GoTime.dayOfYear(s));
            assertEquals(t.getDayOfWeek().getValue() % 7, GoTime.dayOfWeek(s));
            assertEquals(t.getHour(), GoTime.hour(s));
            assertEquals(t.getMinute(), GoTime.minute(s));
            assertEquals(t.toLocalDate().lengthOfMonth(), GoTime.daysInMonth(s));
        }
    }

    @Test
    void labelsPassThroughAndEmptyInputGivesNothing() {
        Result r = FunctionTester.call(new HourFunction())
                .vector(v -> v.sample("up{job=\"a\"}", 3600).sample("up{job=\"b\"}", 7200)).run();
        r.assertSamples("{job=\"a\"} 1\n{job=\"b\"} 2");
        assertEquals("up", r.samples().get(0).labels().metricName(), "the engine drops the name, not the function");
        FunctionTester.call(new HourFunction()).vector(v -> { }).run().assertEmpty();
        FunctionTester.call(new TimestampFunction()).vector(v -> { }).run().assertEmpty();
    }

    @Test
    void goConvertsNaNAndInfinitiesToTheMinimumInteger() {
        assertEquals(Long.MIN_VALUE, GoTime.truncate(Double.NaN));
        assertEquals(Long.MIN_VALUE, GoTime.truncate(Double.POSITIVE_INFINITY));
        assertEquals(Long.MIN_VALUE, GoTime.truncate(-1e300));
        assertEquals(-3, GoTime.truncate(-3.9));
    }

    @Test
    void timestamp() {
        // functions.test:599-619: a plain selector reports the sample's own timestamp
        String load = "1 1";
        FunctionTester t = FunctionTester.call(new TimestampFunction());
        t.at(0).vector(v -> v.select("metric", 10_000, load)).run().assertSamples("{} 0");
        t.clearArgs().at(5_000).vector(v -> v.select("metric", 10_000, load)).run().assertSamples("{} 0");
        t.clearArgs().at(10_000).vector(v -> v.select("metric", 10_000, load)).run().assertSamples("{} 10");
        // functions.test:2010: 0 for t=0s..59s, then 60
        FunctionTester s = FunctionTester.call(new TimestampFunction());
        for (int sec = 0; sec <= 61; sec++) {
            double want = sec < 60 ? 0 : 60;
            s.clearArgs().at(sec * 1000L).vector(v -> v.select("metric", 60_000, "0+1x1000"))
                    .run().assertSamples("{} " + want);
        }
        // a computed sample carries the evaluation time
        FunctionTester.call(new TimestampFunction()).at(1234).vector(v -> v.sample("{}", 5)).run()
                .assertSamples("{} 1.234");
    }

    @Test
    void startTimestamp() {
        StartTimestampFunction f = new StartTimestampFunction();
        assertEquals(List.of(ValueType.VECTOR), f.argTypes());
        assertTrue(f.experimental());
        // start_timestamps.test:305: a selector's samples, in seconds; 0 when unknown
        FunctionTester.call(f).vector(v -> v.sample(Labels.of("case", "a"), 40, 40_000, 39_999)
                .sample(Labels.of("case", "b"), 20, 20_000, 0)).run()
                .assertSamples("{case=\"a\"} 39.999\n{case=\"b\"} 0");
        // start_timestamps.test:310: a computed vector has none
        FunctionTester.call(f).vector(v -> v.sample("{}", 1)).run().assertEmpty();
    }
}
