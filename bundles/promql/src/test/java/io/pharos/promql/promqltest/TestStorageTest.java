package io.pharos.promql.promqltest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.model.SampleType;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.SelectHints;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestStorageTest {
    private final TestStorage storage = new TestStorage();
    private static final Labels A = Labels.of("__name__", "m", "i", "a");
    private static final Labels B = Labels.of("__name__", "m", "i", "b");

    private List<Labels> select(long mint, long maxt, LabelMatcher... matchers) {
        List<Labels> out = new ArrayList<>();
        try (Querier q = storage.querier(mint, maxt);
                SeriesSet set = q.select(true, SelectHints.of(mint, maxt), List.of(matchers))) {
            while (set.next()) {
                out.add(set.at().labels());
            }
        }
        return out;
    }

    private SampleIterator iterator(Labels l, long mint, long maxt) {
        try (Querier q = storage.querier(mint, maxt);
                SeriesSet set = q.select(true, SelectHints.of(mint, maxt), List.of(LabelMatcher.equal("i", l.get("i"))))) {
            assertTrue(set.next());
            return set.at().iterator();
        }
    }

    @Test
    void seriesComeSortedAndOnlyWithSamplesInRange() {
        storage.addFloat(B, 0, 1);
        storage.addFloat(A, 10, 1);
        assertEquals(List.of(A, B), select(0, 10, LabelMatcher.equal("__name__", "m")));
        assertEquals(List.of(A), select(5, 20, LabelMatcher.equal("__name__", "m")));
        assertEquals(List.of(), select(0, 10, LabelMatcher.equal("i", "c")));
    }

    @Test
    void iteratorStaysWithinTheRangeAndSeeks() {
        for (long t = 0; t <= 50; t += 10) {
            storage.addFloat(A, t, t / 10.0);
        }
        SampleIterator it = iterator(A, 15, 45);
        assertEquals(SampleType.FLOAT, it.next());
        assertEquals(20, it.timestamp());
        assertEquals(SampleType.FLOAT, it.seek(25));
        assertEquals(30, it.timestamp());
        assertEquals(SampleType.FLOAT, it.seek(10)); // already past: stays
        assertEquals(30, it.timestamp());
        assertEquals(3.0, it.value());
        assertEquals(SampleType.FLOAT, it.next());
        assertEquals(SampleType.NONE, it.next());
        assertEquals(SampleType.NONE, it.seek(100));
    }

    @Test
    void outOfOrderInsertAndOverwrite() {
        storage.addFloat(A, 20, 2);
        storage.addFloat(A, 0, 0);
        storage.addFloat(A, 10, 1);
        storage.addFloat(A, 10, 5);
        SampleIterator it = iterator(A, 0, 100);
        double[] want = {0, 5, 2};
        for (double w : want) {
            assertEquals(SampleType.FLOAT, it.next());
            assertEquals(w, it.value());
        }
        assertEquals(SampleType.NONE, it.next());
    }

    @Test
    void samplesKeepTheirStartTimestamps() {
        storage.addFloat(A, 20, 2, 15);
        storage.addFloat(A, 10, 1);
        storage.addHistogram(A, 30, 25);
        storage.addFloat(A, 20, 3, 12); // overwrites value and start timestamp
        SampleIterator it = iterator(A, 0, 100);
        long[] want = {0, 12, 25};
        for (long w : want) {
            it.next();
            assertEquals(w, it.startTimestamp());
        }
    }

    @Test
    void histogramsArePlaceholdersAndReadsAreNoticed() {
        storage.addFloat(A, 0, 1);
        storage.addHistogram(A, 10);
        assertFalse(storage.selected());
        select(0, 5, LabelMatcher.equal("i", "a"));
        assertTrue(storage.selected());
        assertFalse(storage.histogramsRead());
        SampleIterator it = iterator(A, 0, 10);
        assertTrue(storage.histogramsRead());
        assertEquals(SampleType.FLOAT, it.next());
        assertEquals(SampleType.HISTOGRAM, it.next());
        assertTrue(Double.isNaN(it.value()));
        storage.resetReads();
        assertFalse(storage.histogramsRead());
        assertFalse(storage.selected());
    }

    @Test
    void appenderCommitsAndClearDropsEverything() {
        Appender a = storage.appender();
        a.append(0, A, 0, 1);
        assertEquals(List.of(), select(0, 10));
        a.commit();
        assertEquals(List.of(A), select(0, 10));
        try (Querier q = storage.querier(0, 10)) {
            assertEquals(List.of("__name__", "i"), q.labelNames(List.of()));
            assertEquals(List.of("a"), q.labelValues("i", List.of()));
        }
        storage.clear();
        assertEquals(List.of(), select(0, 10));
    }
}
