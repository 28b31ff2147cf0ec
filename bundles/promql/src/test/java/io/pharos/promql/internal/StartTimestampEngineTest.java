package io.pharos.promql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.pharos.promql.QueryResult;
import io.pharos.promql.QueryResult.VectorResult;
import io.pharos.promql.Sample;
import io.pharos.promql.promqltest.ScriptRunner;
import io.pharos.promql.promqltest.TestStorage;
import io.pharos.spi.model.Labels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which samples carry start timestamps to the functions, and only with the feature on. */
class StartTimestampEngineTest {
    private static final long M = 60_000;
    private static final Labels DELTA = Labels.of("__name__", "delta_total");

    private final TestStorage storage = new TestStorage();

    StartTimestampEngineTest() {
        // A delta series: 60 per minute, each sample counting from the previous one (OpenTelemetry).
        for (int k = 2; k <= 15; k++) {
            storage.addFloat(DELTA, k * M, 60, (k - 1) * M);
        }
        storage.addHistogram(Labels.of("__name__", "h"), 6 * M, 4 * M);
    }

    private List<Double> values(boolean startTimestamps, String query) {
        EngineSettings settings = EngineSettings.DEFAULTS.withExperimentalFunctions(true)
                .withStartTimestamps(startTimestamps);
        QueryResult r = new QueryEngineComponent(storage, settings, ScriptRunner.functions())
                .instantQuery(query, 10 * M);
        List<Double> out = new ArrayList<>();
        for (Sample s : assertInstanceOf(VectorResult.class, r).samples()) {
            out.add(s.v());
        }
        return out;
    }

    @Test
    void onlyWithTheFeatureOn() {
        assertEquals(List.of(300.0), values(true, "increase(delta_total[5m])"));
        assertEquals(List.of(0.0), values(false, "increase(delta_total[5m])"));
        assertEquals(List.of(540.0), values(true, "start_timestamp(delta_total)"));
        assertEquals(List.of(), values(false, "start_timestamp(delta_total)"));
    }

    @Test
    void onlyForSamplesReadFromStorage() {
        assertEquals(List.of(540.0), values(true, "start_timestamp(((delta_total)))"));
        assertEquals(List.of(), values(true, "start_timestamp(delta_total * 1)"));
        assertEquals(List.of(0.0), values(true, "increase(delta_total[5m:1m])"));
        assertEquals(List.of(1.0), values(true, "irate(delta_total[5m])"));
        assertEquals(List.of(0.0), values(true, "irate((delta_total[5m:1m]))"));
    }

    @Test
    void timeFunctionsSeeHistogramSamples() {
        // Their values cannot be represented yet, but their times can.
        assertEquals(List.of(360.0), values(true, "timestamp(h)"));
        assertEquals(List.of(240.0), values(true, "start_timestamp(h)"));
        assertEquals(List.of(), values(true, "abs(h)"));
    }
}
