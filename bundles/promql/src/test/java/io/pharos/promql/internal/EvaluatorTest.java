package io.pharos.promql.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.promql.PromQLException;
import io.pharos.promql.PromQLException.ErrorType;
import io.pharos.promql.QueryResult;
import io.pharos.promql.QueryResult.MatrixResult;
import io.pharos.promql.QueryResult.ScalarResult;
import io.pharos.promql.QueryResult.VectorResult;
import io.pharos.promql.Sample;
import io.pharos.promql.SeriesResult;
import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.InstantVector;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.PromQLFunctionException;
import io.pharos.spi.promql.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The evaluator's semantics beyond the conformance corpus: limits, the function SPI adapter, ranking. */
class EvaluatorTest {
    private static final long S = 1000;
    private static final long M = 60 * S;
    private static final long T = 3_600_000L;

    private final FakeStorage storage = new FakeStorage();

    private static Labels l(String... pairs) {
        return Labels.of(pairs);
    }

    private QueryEngineComponent engine(EngineSettings settings, PromQLFunction... fns) {
        return new QueryEngineComponent(storage, settings, List.of(fns));
    }

    private static List<Sample> vector(QueryResult r) {
        return assertInstanceOf(VectorResult.class, r).samples();
    }

    /** vector-in, vector-out function keeping or dropping the name, recording what it saw. */
    static class Identity implements PromQLFunction {
        final String name;
        final boolean keeps;
        final AtomicInteger calls = new AtomicInteger();
        final List<Long> timestamps = new ArrayList<>();

        Identity(String name, boolean keeps) {
            this.name = name;
            this.keeps = keeps;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<ValueType> argTypes() {
            return List.of(ValueType.VECTOR);
        }

        @Override
        public ValueType returnType() {
            return ValueType.VECTOR;
        }

        @Override
        public boolean keepsMetricName() {
            return keeps;
        }

        @Override
        public void evaluate(FunctionCall call, FunctionOutput out) {
            calls.incrementAndGet();
            InstantVector v = call.vector(0);
            for (int i = 0; i < v.size(); i++) {
                timestamps.add(v.timestamp(i));
                out.add(v.labels(i), v.value(i));
            }
        }
    }

    @Test
    void functionsAreCalledOncePerStepAndTheEngineDropsTheName() {
        storage.add(l("__name__", "up", "job", "a"), T, 1).add(l("__name__", "up", "job", "a"), T + M, 2);
        Identity f = new Identity("f", false);
        QueryEngineComponent e = engine(EngineSettings.DEFAULTS, f);
        QueryResult r = e.rangeQuery("f(up)", T, T + 2 * M, M);
        assertEquals(3, f.calls.get());
        SeriesResult s = assertInstanceOf(MatrixResult.class, r).series().get(0);
        assertEquals(l("job", "a"), s.labels());
        assertArrayEquals(new double[] {1, 2, 2}, s.values());
        Identity keep = new Identity("k", true);
        e.register(keep);
        assertEquals(l("__name__", "up", "job", "a"), vector(e.instantQuery("k(up)", T)).get(0).labels());
    }

    @Test
    void timestampSeesTheSampleTimeOfASelectorArgumentOnly() {
        storage.add(l("__name__", "up"), T - 30 * S, 1);
        Identity ts = new Identity("timestamp", false);
        QueryEngineComponent e = engine(EngineSettings.DEFAULTS, ts);
        e.instantQuery("timestamp(up)", T);
        e.instantQuery("timestamp(-up)", T);
        assertEquals(List.of(T - 30 * S, T), ts.timestamps);
    }

    @Test
    void droppingTheNameCanCollide() {
        storage.add(l("__name__", "a", "job", "x"), T, 1).add(l("__name__", "b", "job", "x"), T, 2);
        PromQLException ex = assertThrows(PromQLException.class,
                () -> engine(EngineSettings.DEFAULTS, new Identity("f", false)).instantQuery("f({job=\"x\"})", T));
        assertEquals(ErrorType.EXECUTION, ex.errorType());
        assertEquals("vector cannot contain metrics with the same labelset", ex.getMessage());
        // With delayed name removal, collisions only count at the end; the names are still visible before.
        QueryEngineComponent delayed = engine(EngineSettings.DEFAULTS.withDelayedNameRemoval(true),
                new Identity("f", false));
        assertEquals(List.of(new Sample(l("job", "x"), T, 3)),
                vector(delayed.instantQuery("sum by (job) (f({job=\"x\"}))", T)));
        // Grouping by a name that is still there keeps the groups apart, which then collide.
        PromQLException late = assertThrows(PromQLException.class,
                () -> delayed.instantQuery("count by (__name__) (f({job=\"x\"}))", T));
        assertEquals("vector cannot contain metrics with the same labelset", late.getMessage());
    }

    @Test
    void functionErrorsAreExecutionErrorsAndMemoIsPerCallSite() {
        storage.add(l("__name__", "up"), T, 1);
        AtomicInteger computed = new AtomicInteger();
        PromQLFunction f = new Identity("boom", false) {
            @Override
            public void evaluate(FunctionCall call, FunctionOutput out) {
                call.memo("k", computed::incrementAndGet);
                if (call.time() > T + M) {
                    throw new PromQLFunctionException("bad input");
                }
            }
        };
        QueryEngineComponent e = engine(EngineSettings.DEFAULTS, f);
        e.rangeQuery("boom(up)", T, T + M, S);
        assertEquals(1, computed.get(), "memo computed once per query and call site");
        e.rangeQuery("boom(up) + boom(up)", T, T + M, S);
        assertEquals(3, computed.get());
        PromQLException ex = assertThrows(PromQLException.class, () -> e.rangeQuery("boom(up)", T, T + 2 * M, M));
        assertEquals(ErrorType.EXECUTION, ex.errorType());
        assertEquals("bad input", ex.getMessage());
    }

    @Test
    void highestRankingWinsANameClash() {
        storage.add(l("__name__", "up"), T, 1);
        QueryEngineComponent e = engine(EngineSettings.DEFAULTS);
        Identity low = new Identity("f", false);
        Identity high = new Identity("f", true);
        e.addFunction(low, java.util.Map.of("service.ranking", 1, "service.id", 10L));
        e.addFunction(high, java.util.Map.of("service.ranking", 5, "service.id", 11L));
        e.instantQuery("f(up)", T);
        assertEquals(1, high.calls.get());
        assertEquals(0, low.calls.get());
        e.removeFunction(high, java.util.Map.of());
        e.instantQuery("f(up)", T);
        assertEquals(1, low.calls.get());
    }

    @Test
    void tooManySamplesIsAnExecutionError() {
        for (int i = 0; i < 20; i++) {
            storage.add(l("__name__", "up", "i", "" + i), T, i);
        }
        PromQLException ex = assertThrows(PromQLException.class,
                () -> engine(EngineSettings.DEFAULTS.withMaxSamples(10)).instantQuery("up", T));
        assertEquals(ErrorType.EXECUTION, ex.errorType());
        assertEquals("query processing would load too many samples into memory in query execution", ex.getMessage());
        assertEquals(20, vector(engine(EngineSettings.DEFAULTS.withMaxSamples(20)).instantQuery("up", T)).size());
    }

    @Test
    void cancelHookAndInterruptCancel() {
        storage.add(l("__name__", "up"), T, 1);
        QueryEngineComponent e = engine(EngineSettings.DEFAULTS);
        PromQLException ex = assertThrows(PromQLException.class, () -> e.instantQuery("up", T, () -> true));
        assertEquals(ErrorType.CANCELED, ex.errorType());
        assertEquals("query was canceled in expression evaluation", ex.getMessage());
        Thread.currentThread().interrupt();
        try {
            ex = assertThrows(PromQLException.class, () -> e.instantQuery("up", T));
            assertEquals(ErrorType.CANCELED, ex.errorType());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void timeoutIsATimeoutError() {
        storage.add(l("__name__", "up"), T, 1);
        PromQLFunction slow = new Identity("slow", false) {
            @Override
            public void evaluate(FunctionCall call, FunctionOutput out) {
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        PromQLException ex = assertThrows(PromQLException.class,
                () -> engine(EngineSettings.DEFAULTS.withTimeout(50), slow).rangeQuery("slow(up)", T, T + 100 * M, M));
        assertEquals(ErrorType.TIMEOUT, ex.errorType());
        assertEquals("query timed out in expression evaluation", ex.getMessage());
    }

    @Test
    void queriesBeyondTheConcurrencyLimitWait() throws Exception {
        storage.add(l("__name__", "up"), T, 1);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        PromQLFunction gate = new Identity("gate", false) {
            @Override
            public void evaluate(FunctionCall call, FunctionOutput out) {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                entered.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
            }
        };
        QueryEngineComponent e = engine(EngineSettings.DEFAULTS.withMaxConcurrent(1), gate);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread first = new Thread(() -> e.instantQuery("gate(up)", T));
        first.start();
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        AtomicBoolean secondDone = new AtomicBoolean();
        Thread second = new Thread(() -> {
            try {
                e.instantQuery("gate(up)", T);
                secondDone.set(true);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        second.start();
        Thread.sleep(100);
        assertEquals(false, secondDone.get(), "the second query waits for a slot");
        release.countDown();
        first.join(5000);
        second.join(5000);
        assertEquals(null, failure.get());
        assertTrue(secondDone.get());
        assertEquals(1, maxRunning.get());
    }

    @Test
    void binaryOperatorsFollowGoArithmetic() {
        QueryEngineComponent e = engine(EngineSettings.DEFAULTS);
        assertEquals(new ScalarResult(T, 1), e.instantQuery("1 ^ NaN", T));
        assertEquals(new ScalarResult(T, Double.POSITIVE_INFINITY), e.instantQuery("1 / 0", T));
        assertEquals(-1.0, ((ScalarResult) e.instantQuery("-7 % 2 + 0", T)).v() + 0.0);
        assertTrue(Double.isNaN(((ScalarResult) e.instantQuery("0 / 0", T)).v()));
        assertEquals(new ScalarResult(T, 1), e.instantQuery("2 > bool 1", T));
    }

    @Test
    void stepInvariantSelectorsAndSubqueryAlignment() {
        for (long t = 0; t <= T; t += 10 * S) {
            storage.add(l("__name__", "c"), t, t / 1000.0);
        }
        QueryEngineComponent e = engine(EngineSettings.DEFAULTS);
        SeriesResult s = assertInstanceOf(MatrixResult.class, e.rangeQuery("c @ 100", 0, 3 * M, M)).series().get(0);
        assertArrayEquals(new double[] {100, 100, 100, 100}, s.values());
        // The default subquery step is a minute; steps are aligned to multiples of it.
        QueryResult r = e.instantQuery("c[3m:]", T - 30 * S);
        SeriesResult sq = assertInstanceOf(MatrixResult.class, r).series().get(0);
        assertArrayEquals(new long[] {T - 3 * M, T - 2 * M, T - M}, sq.timestamps());
        // A negative offset looks into the future of the evaluation time.
        assertEquals(List.of(new Sample(l("__name__", "c"), T - M, T / 1000.0)),
                vector(e.instantQuery("c offset -1m", T - M)));
    }
}
