package io.pharos.promql.promqltest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.promql.PromQLException;
import io.pharos.promql.QueryEngine;
import io.pharos.promql.QueryResult;
import io.pharos.promql.QueryResult.VectorResult;
import io.pharos.promql.Sample;
import io.pharos.promql.promqltest.EvalOutcome.Status;
import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.model.SampleType;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.storage.Querier;
import io.pharos.storage.Storage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ScriptRunnerTest {
    private static final Labels M = Labels.of("__name__", "m");

    /** An engine whose instant queries {@code answer} decides; range queries are not used here. */
    private static Function<Storage, QueryEngine> stub(BiFunction<String, Long, QueryResult> answer) {
        return storage -> new QueryEngine() {
            @Override
            public QueryResult instantQuery(String query, long timeMs) {
                return answer.apply(query, timeMs);
            }

            @Override
            public QueryResult rangeQuery(String query, long startMs, long endMs, long stepMs) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<LabelMatcher> parseSelector(String selector) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String formatQuery(String query) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static List<EvalOutcome> run(Function<Storage, QueryEngine> engine, String script) {
        try (ScriptRunner runner = new ScriptRunner(engine, 5_000)) {
            return runner.run(ScriptParser.parse("t.test", script));
        }
    }

    private static VectorResult one(Labels l, double v) {
        return new VectorResult(List.of(new Sample(l, 0, v)));
    }

    @Test
    void passAndFailWithFileAndLine() {
        List<EvalOutcome> o = run(stub((q, t) -> one(M, 1)),
                "load 1m\n  m 1\n\neval instant at 0 m\n  m 1\n\neval instant at 0 m\n  m 2\n");
        assertEquals(Status.PASS, o.get(0).status());
        assertEquals(Status.FAIL, o.get(1).status());
        assertTrue(o.get(1).reason().startsWith("t.test:7: m: series m{}: expected 2, got 1"), o.get(1).reason());
    }

    @Test
    void histogramsInTheExpectedOutputAreUnsupportedWithoutRunning() {
        List<EvalOutcome> o = run(stub((q, t) -> {
            throw new AssertionError("must not run");
        }), "eval instant at 0 h\n  h {{count:1}}\n");
        assertEquals(Status.UNSUPPORTED, o.get(0).status());
        assertTrue(o.get(0).reason().contains("needs native histograms"), o.get(0).reason());
    }

    @Test
    void failuresOnHistogramSeriesOrFunctionsAreUnsupported() {
        String script = "load 1m\n  h {{count:1}}x2\n  f 1x2\n\n"
                + "eval instant at 1m h + 1\n  {} 2\n\n"
                + "eval instant at 1m histogram_count(f)\n  {} 2\n\n"
                + "eval instant at 1m f\n  {} 2\n";
        List<EvalOutcome> o = run(stub((q, t) -> new VectorResult(List.of())), script);
        assertEquals(Status.UNSUPPORTED, o.get(0).status());
        assertTrue(o.get(0).reason().contains("reads series h"), o.get(0).reason());
        assertEquals(Status.UNSUPPORTED, o.get(1).status());
        assertTrue(o.get(1).reason().contains("calls histogram_count"), o.get(1).reason());
        assertEquals(Status.FAIL, o.get(2).status());
    }

    /** An engine that selects the series {@code label="value"}, then answers with an empty vector. */
    private static Function<Storage, QueryEngine> selecting(String label, String value) {
        return storage -> new QueryEngine() {
            @Override
            public QueryResult instantQuery(String query, long timeMs) {
                storage.querier(0, timeMs).select(true, null, List.of(LabelMatcher.equal(label, value))).close();
                return new VectorResult(List.of());
            }

            @Override
            public QueryResult rangeQuery(String query, long startMs, long endMs, long stepMs) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<LabelMatcher> parseSelector(String selector) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String formatQuery(String query) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void readingHistogramSamplesMakesAFailureUnsupported() {
        // The query names no histogram series, but the storage sees it read one.
        List<EvalOutcome> o = run(selecting("job", "x"),
                "load 1m\n  h{job=\"x\"} {{count:1}}\n\neval instant at 0 {job=\"x\"}\n  {} 1\n");
        assertEquals(Status.UNSUPPORTED, o.get(0).status());
        assertTrue(o.get(0).reason().contains("read native histogram samples"), o.get(0).reason());
    }

    @Test
    void onceTheEngineReadsStorageOnlyWhatItReadCounts() {
        // m has float and histogram series; reading only the float one and failing is a plain failure.
        String script = "load 1m\n  m{k=\"f\"} 1\n  m{k=\"h\"} {{count:1}}\n\neval instant at 0 m{k=\"f\"}\n  m{k=\"f\"} 1\n";
        assertEquals(Status.FAIL, run(selecting("k", "f"), script).get(0).status());
        assertEquals(Status.UNSUPPORTED, run(selecting("k", "h"), script).get(0).status());
    }

    @Test
    void loadWithNhcbMakesTheBaseNameAHistogram() {
        assertEquals("reads series h, loaded with histogram values",
                ScriptRunner.histogramNeed("histogram_quantile(0.5, h)", Set.of("h")));
        List<EvalOutcome> o = run(stub((q, t) -> new VectorResult(List.of())),
                "load_with_nhcb 1m\n  h_bucket{le=\"1\"} 1\n\neval instant at 0 histogram_quantile(0.5, h)\n  {} 1\n\n"
                        + "eval instant at 0 h_bucket\n  {} 1\n");
        assertEquals(Status.UNSUPPORTED, o.get(0).status());
        assertEquals(Status.FAIL, o.get(1).status());
    }

    @Test
    void annotationsAreCheckedAsPrometheusChecksThem() {
        QueryResult.Annotations warn = new QueryResult.Annotations(List.of("PromQL warning: w (1:1)"), List.of());
        List<EvalOutcome> o = run(stub((q, t) -> q.equals("m") ? one(M, 1).withAnnotations(warn) : one(M, 1)),
                "eval instant at 0 m\n  expect warn\n  m 1\n\n"
                + "eval instant at 0 m\n  expect no_warn\n  m 1\n\n"
                + "eval instant at 0 m\n  expect info\n  m 1\n\n"
                + "eval instant at 0 m\n  expect warn msg: PromQL warning: w (1:1)\n  expect no_info\n  m 1\n\n"
                + "eval instant at 0 m\n  expect warn msg: PromQL warning: w (1:2)\n  m 1\n\n"
                + "eval instant at 0 m\n  expect warn regex: w \\(\\d+:\\d+\\)\n  m 1\n\n"
                + "eval_warn instant at 0 m\n  m 1\n\n"
                + "eval_warn instant at 0 n\n  m 1\n\n"
                + "eval instant at 0 n\n  expect no_warn\n  expect no_info\n  m 1\n\n"
                + "eval instant at 0 m\n  m 1\n\n"
                + "eval instant at 0 m\n  expect warn\n  m 2\n");
        assertEquals(Status.PASS, o.get(0).status());
        assertEquals(Status.FAIL, o.get(1).status());
        assertTrue(o.get(1).reason().contains("unexpected warn annotations"), o.get(1).reason());
        assertEquals(Status.FAIL, o.get(2).status());
        assertEquals(Status.PASS, o.get(3).status());
        assertEquals(Status.FAIL, o.get(4).status());
        assertEquals(Status.PASS, o.get(5).status());
        assertEquals(Status.PASS, o.get(6).status());
        assertEquals(Status.FAIL, o.get(7).status());
        assertEquals(Status.PASS, o.get(8).status());
        // Without directives, annotations are not checked; the values still are.
        assertEquals(Status.PASS, o.get(9).status());
        assertEquals(Status.FAIL, o.get(10).status());
    }

    @Test
    void expectedFailures() {
        List<EvalOutcome> o = run(stub((q, t) -> {
            throw new PromQLException(PromQLException.ErrorType.BAD_DATA, "bad " + q);
        }), "eval instant at 0 x\n  expect fail msg: bad x\n\neval_fail instant at 0 y\n\neval instant at 0 z\n");
        assertEquals(Status.PASS, o.get(0).status());
        assertEquals(Status.PASS, o.get(1).status());
        assertEquals(Status.FAIL, o.get(2).status());
        assertTrue(o.get(2).reason().contains("unexpected error (bad_data): bad z"), o.get(2).reason());
    }

    @Test
    void aQueryThatHangsTimesOutAndTheRunnerGoesOn() {
        Function<Storage, QueryEngine> engine = stub((q, t) -> {
            if (q.equals("slow")) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return one(M, 1);
        });
        List<EvalOutcome> o;
        try (ScriptRunner runner = new ScriptRunner(engine, 200)) {
            o = runner.run(ScriptParser.parse("t.test", "eval instant at 0 slow\n  m 1\n\neval instant at 0 m\n  m 1\n"));
        }
        assertEquals(Status.FAIL, o.get(0).status());
        assertTrue(o.get(0).reason().contains("no result within the time limit"), o.get(0).reason());
        assertEquals(Status.PASS, o.get(1).status());
    }

    @Test
    void startTimestampLinesAreOffsetsFromEachSample() {
        Command.Load load = (Command.Load) ScriptParser.parse("t.test", "load 1m\n  m@st _ -30s -1m\n  m 1 2 3\n"
                + "  @st -1ms\n  n 1 2\n  o@st _ _\n  o 1 2\n").commands().get(0);
        TestStorage storage = new TestStorage();
        ScriptRunner.load(storage, load, new HashSet<>());
        assertEquals(List.of(0L, 30_000L, 60_000L), starts(storage, "m"));
        assertEquals(List.of(-1L, 59_999L), starts(storage, "n"), "the default line repeats");
        assertEquals(List.of(0L, 0L), starts(storage, "o"), "an own line, even all _, wins over the default");
    }

    private static List<Long> starts(TestStorage storage, String name) {
        List<Long> out = new ArrayList<>();
        try (Querier q = storage.querier(0, Long.MAX_VALUE);
                SeriesSet set = q.select(true, null, List.of(LabelMatcher.equal("__name__", name)))) {
            assertTrue(set.next());
            SampleIterator it = set.at().iterator();
            while (it.next() != SampleType.NONE) {
                out.add(it.startTimestamp());
            }
        }
        return out;
    }

    /** The real engine on what it supports today: plain selectors with lookback and staleness. */
    @Test
    void realEngineOnSelectors() {
        String script = "load 10s\n  metric 0 1 stale 2\n\n"
                + "eval instant at 10s metric\n  {__name__=\"metric\"} 1\n\n"
                + "eval instant at 20s metric\n\n"
                + "eval instant at 329s metric\n  metric 2\n\n"
                + "eval instant at 330s metric\n\n"
                + "eval range from 0 to 30s step 10s metric\n  metric 0 1 _ 2\n\n"
                + "clear\n\neval instant at 10s metric\n";
        try (ScriptRunner runner = new ScriptRunner()) {
            for (EvalOutcome o : runner.run(ScriptParser.parse("t.test", script))) {
                assertEquals(Status.PASS, o.status(), o::reason);
            }
        }
    }
}
