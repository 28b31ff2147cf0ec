package io.pharos.testkit.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.model.Labels;
import io.pharos.spi.model.StaleMarker;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.InstantVector;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class FunctionTesterTest {
    /** A function for the tests, with a chosen signature and body. */
    private static PromQLFunction fn(String name, List<ValueType> args, int variadic, ValueType result,
            boolean keepName, BiConsumer<FunctionCall, FunctionOutput> body) {
        return new PromQLFunction() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<ValueType> argTypes() {
                return args;
            }

            @Override
            public int variadic() {
                return variadic;
            }

            @Override
            public ValueType returnType() {
                return result;
            }

            @Override
            public boolean keepsMetricName() {
                return keepName;
            }

            @Override
            public void evaluate(FunctionCall call, FunctionOutput out) {
                body.accept(call, out);
            }
        };
    }

    /** Copies each series of a matrix: sample count as value. */
    private static final PromQLFunction COUNT = fn("count_it", List.of(ValueType.MATRIX), 0, ValueType.VECTOR, false,
            (call, out) -> {
                RangeVector m = call.matrix(0);
                for (int s = 0; s < m.size(); s++) {
                    out.add(m.labels(s), m.sampleCount(s));
                }
            });

    @Test
    void matrixArgumentsAreCutToTheLeftOpenRangeWithoutStaleMarkers() {
        List<long[]> seen = new ArrayList<>();
        PromQLFunction f = fn("f", List.of(ValueType.MATRIX), 0, ValueType.VECTOR, false, (call, out) -> {
            RangeVector m = call.matrix(0);
            seen.add(new long[] {m.rangeStart(), m.rangeEnd()});
            for (int s = 0; s < m.size(); s++) {
                for (int i = 0; i < m.sampleCount(s); i++) {
                    seen.add(new long[] {m.timestamp(s, i), (long) m.value(s, i)});
                }
            }
        });
        FunctionTester.call(f).at("50m").matrix(m -> m.window("10m").load("x", "5m", "0+1x10 stale 11")
                .load("gone", "5m", "1 2")).run();
        assertEquals(40 * 60_000L, seen.get(0)[0]);
        assertEquals(50 * 60_000L, seen.get(0)[1]);
        assertEquals(2, seen.size() - 1, "(40m, 50m] holds 45m and 50m; 'gone' has no sample there");
        assertEquals(45 * 60_000L, seen.get(1)[0]);
        assertEquals(10, seen.get(2)[1]);
        FunctionTester.call(COUNT).at("60m").matrix(m -> m.window("10m").load("x", "5m", "0+1x10 stale 11")).run()
                .assertSamples("{} 1");
        FunctionTester.call(COUNT).at("60m").matrix(m -> m.window("10m", "5m").load("x", "5m", "0+1x12")).run()
                .assertSamples("{} 2");
        FunctionTester.call(COUNT).matrix(m -> m.range(0, 2000).series("a", 0, 1, 1000, 2, 2000, 3)).run()
                .assertSamples("{} 2");
    }

    @Test
    void startTimestampsArePassedOnlyWhereGiven() {
        PromQLFunction sts = fn("sts", List.of(ValueType.MATRIX), 0, ValueType.VECTOR, false, (call, out) -> {
            RangeVector m = call.matrix(0);
            for (int s = 0; s < m.size(); s++) {
                out.add(m.labels(s), m.startTimestamp(s, m.sampleCount(s) - 1));
            }
        });
        FunctionTester.call(sts).matrix(m -> m.range(1000, 3000).series("{i=\"a\"}", new long[] {500, 900, 1500},
                1000, 1, 2000, 2, 3000, 3).series("{i=\"b\"}", 2000, 1)).run()
                .assertSamples("{i=\"a\"} 1500\n{i=\"b\"} 0");
        assertThrows(IllegalArgumentException.class, () -> FunctionTester.call(sts)
                .matrix(m -> m.range(0, 1).series("a", new long[] {1}, 1000, 1, 2000, 2)).run());
        PromQLFunction vsts = fn("vsts", List.of(ValueType.VECTOR), 0, ValueType.VECTOR, false, (call, out) -> {
            InstantVector v = call.vector(0);
            for (int i = 0; v.hasStartTimestamps() && i < v.size(); i++) {
                out.add(v.labels(i), v.startTimestamp(i));
            }
        });
        FunctionTester.call(vsts).vector(v -> v.sample(Labels.of("i", "a"), 1, 2000, 1500).sample("{i=\"b\"}", 2))
                .run().assertSamples("{i=\"a\"} 1500\n{i=\"b\"} 0");
        FunctionTester.call(vsts).vector(v -> v.sample("x", 1)).run().assertEmpty();
    }

    @Test
    void selectPicksTheLatestSampleWithinTheLookback() {
        PromQLFunction ts = fn("ts", List.of(ValueType.VECTOR), 0, ValueType.VECTOR, false, (call, out) -> {
            InstantVector v = call.vector(0);
            for (int i = 0; i < v.size(); i++) {
                out.add(v.labels(i), v.timestamp(i) / 1000.0);
            }
        });
        FunctionTester.call(ts).at(70_000).vector(v -> v.select("x", 60_000, "1 2")).run().assertSamples("{} 60");
        FunctionTester.call(ts).at(60_000 + 300_000).vector(v -> v.select("x", 60_000, "1 2")).run().assertEmpty();
        FunctionTester.call(ts).at(70_000).vector(v -> v.select("x", 60_000, "1 stale")).run().assertEmpty();
        FunctionTester.call(ts).at(1234).vector(v -> v.sample("x", 5)).run().assertSamples("{} 1.234");
        assertThrows(IllegalArgumentException.class,
                () -> FunctionTester.call(ts).vector(v -> v.sample("x", StaleMarker.VALUE)).run());
    }

    @Test
    void signatureIsCheckedAsThePrometheusParserDoes() {
        assertThrows(IllegalStateException.class, () -> FunctionTester.call(COUNT).run());
        assertThrows(IllegalStateException.class, () -> FunctionTester.call(COUNT).scalar(1).run());
        PromQLFunction optional = fn("opt", List.of(ValueType.VECTOR, ValueType.STRING, ValueType.SCALAR), 3,
                ValueType.VECTOR, false, (call, out) -> { });
        FunctionTester.call(optional).vector(v -> { }).string("a").run();
        FunctionTester.call(optional).vector(v -> { }).string("a").scalar(1).scalar(2).scalar(3).run();
        assertThrows(IllegalStateException.class, () -> FunctionTester.call(optional).vector(v -> { }).run());
        assertThrows(IllegalStateException.class, () -> FunctionTester.call(optional).vector(v -> { }).string("a")
                .scalar(1).scalar(2).scalar(3).scalar(4).run());
        PromQLFunction repeated = fn("rep", List.of(ValueType.VECTOR, ValueType.STRING), -1, ValueType.VECTOR, false,
                (call, out) -> { });
        FunctionTester.call(repeated).vector(v -> { }).run();
        FunctionTester.call(repeated).vector(v -> { }).string("a").string("b").string("c").run();
        // unchecked, the call reaches the function, which finds no argument
        assertThrows(IndexOutOfBoundsException.class, () -> FunctionTester.call(COUNT).uncheckedSignature().run());
    }

    @Test
    void theContractIsEnforced() {
        InstantVector[] kept = new InstantVector[1];
        PromQLFunction keeper = fn("k", List.of(ValueType.VECTOR), 0, ValueType.VECTOR, false,
                (call, out) -> kept[0] = call.vector(0));
        FunctionTester.call(keeper).vector(v -> v.sample("x", 1)).run();
        assertThrows(IllegalStateException.class, () -> kept[0].size(), "views die with the call");
        PromQLFunction wrongKind = fn("w", List.of(), 0, ValueType.VECTOR, false, (call, out) -> out.scalar(1));
        assertThrows(IllegalStateException.class, () -> FunctionTester.call(wrongKind).run());
        PromQLFunction twice = fn("t", List.of(), 0, ValueType.SCALAR, false, (call, out) -> {
            out.scalar(1);
            out.scalar(2);
        });
        assertThrows(IllegalStateException.class, () -> FunctionTester.call(twice).run());
        PromQLFunction wrongArg = fn("a", List.of(ValueType.SCALAR), 0, ValueType.SCALAR, false,
                (call, out) -> out.scalar(call.vector(0).size()));
        assertThrows(IllegalStateException.class, () -> FunctionTester.call(wrongArg).scalar(1).run());
    }

    @Test
    void memoLivesAsLongAsTheTester() {
        int[] computed = {0};
        PromQLFunction memo = fn("m", List.of(ValueType.STRING), 0, ValueType.SCALAR, false, (call, out) -> {
            String s = call.memo("key", () -> {
                computed[0]++;
                return call.string(0) + "!";
            });
            out.scalar(s.length());
        });
        FunctionTester t = FunctionTester.call(memo);
        for (int i = 0; i < 3; i++) {
            t.clearArgs().at(i).string("abc").run().assertScalar(4);
        }
        assertEquals(1, computed[0]);
        assertEquals(1, t.memoSize());
        FunctionTester.call(memo).string("abc").run();
        assertEquals(2, computed[0], "another tester is another query");
    }

    @Test
    void resultsAreComparedAsPromqltestDoes() {
        PromQLFunction echo = fn("echo", List.of(ValueType.VECTOR), 0, ValueType.VECTOR, false, (call, out) -> {
            InstantVector v = call.vector(0);
            for (int i = 0; i < v.size(); i++) {
                out.add(v.labels(i), v.value(i));
            }
        });
        Result r = FunctionTester.call(echo).vector(v -> v.samples("""
                up{job="a"} 1
                up{job="b"} NaN
                # a comment
                up{job="c", path="/x y"} 0.3333333333
                """)).run();
        r.assertSamples("""
                {job="c", path="/x y"} 0.33333333333333
                {job="b"} NaN
                {job="a"} 1
                """);
        assertThrows(AssertionFailedError.class, () -> r.assertOrderedSamples("""
                {job="b"} NaN
                {job="a"} 1
                {job="c", path="/x y"} 0.3333333333
                """));
        assertThrows(AssertionFailedError.class, () -> r.assertSamples("up{job=\"a\"} 1\n{job=\"b\"} NaN\n"
                + "{job=\"c\", path=\"/x y\"} 0.3333333333"), "the engine drops the name");
        assertEquals(1.0, r.value(Notation.labels("up{job=\"a\"}")));
        assertTrue(Result.almostEqual(Double.NaN, Double.NaN));
        assertTrue(!Result.almostEqual(StaleMarker.VALUE, Double.NaN));
        assertTrue(Result.almostEqual(100, 100.00001));
        assertTrue(!Result.almostEqual(100, 100.001));
    }

    @Test
    void notation() {
        Labels l = Notation.labels("http_requests{path=\"/a\\\"b\", \"my.name\"=\"x\\ny\"}");
        assertEquals("http_requests", l.metricName());
        assertEquals("/a\"b", l.get("path"));
        assertEquals("x\ny", l.get("my.name"));
        assertEquals(Labels.EMPTY, Notation.labels("{}"));
        assertEquals(List.of(0.0, 10.0, 20.0), Notation.values("0+10x2"));
        assertEquals(List.of(3.0, 2.0, 1.0), Notation.values("3-1x2"));
        assertEquals(List.of(7.0, 7.0), Notation.values("7x1"));
        List<Double> v = Notation.values("_ _x2 stale NaN -Inf 1e3 -9.9e+307");
        assertNull(v.get(0));
        assertNull(v.get(2));
        assertTrue(StaleMarker.isStale(v.get(3)));
        assertTrue(Double.isNaN(v.get(4)));
        assertEquals(Double.NEGATIVE_INFINITY, v.get(5));
        assertEquals(1000.0, v.get(6));
        assertEquals(-9.9e307, v.get(7));
        assertEquals(36_053L, Notation.duration("36s53ms"));
        assertEquals(5_400_000L, Notation.duration("1h30m"));
        assertEquals(3_000_000L, Notation.duration("3000"));
        assertEquals(0L, Notation.duration("0"));
        assertEquals(0.0333, Notation.number(".0333"));
        assertEquals(Double.POSITIVE_INFINITY, Notation.number("+Inf"));
    }
}
