package io.pharos.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MatchType;
import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.model.SampleType;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.model.StaleMarker;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.SelectHints;
import io.pharos.spi.storage.StorageException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryStorageTest {
    private final MemoryStorage storage = new MemoryStorage();

    @TempDir
    Path dir;

    private static MemoryStorage.Config config(String snapshotFile) {
        return new MemoryStorage.Config() {
            @Override
            public long retention_hours() {
                return 24;
            }

            @Override
            public String snapshot_file() {
                return snapshotFile;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return MemoryStorage.Config.class;
            }
        };
    }

    @BeforeEach
    void start() {
        storage.activate(config("none"));
    }

    @AfterEach
    void stop() {
        storage.deactivate();
    }

    private static final Labels UP_A = Labels.of("__name__", "up", "job", "a");
    private static final Labels UP_B = Labels.of("__name__", "up", "job", "b", "zone", "x");
    private static final Labels OTHER = Labels.of("__name__", "other", "job", "a");

    private void append(Labels l, long t, double v) {
        Appender app = storage.appender();
        app.append(0, l, t, v);
        app.commit();
    }

    private List<String> select(long mint, long maxt, LabelMatcher... matchers) {
        List<String> out = new ArrayList<>();
        try (Querier q = storage.querier(mint, maxt);
             SeriesSet set = q.select(true, SelectHints.of(mint, maxt), List.of(matchers))) {
            while (set.next()) {
                StringBuilder sb = new StringBuilder(set.at().labels().toString());
                SampleIterator it = set.at().iterator();
                while (it.next() == SampleType.FLOAT) {
                    sb.append(' ').append(it.timestamp()).append('=').append(it.value());
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Test
    void appendsAreVisibleOnlyAfterCommit() {
        Appender app = storage.appender();
        app.append(0, UP_A, 1000, 1);
        assertEquals(List.of(), select(0, 5000, LabelMatcher.equal("__name__", "up")));
        app.commit();
        assertEquals(List.of("up{job=\"a\"} 1000=1.0"), select(0, 5000, LabelMatcher.equal("__name__", "up")));
    }

    @Test
    void rollbackDiscards() {
        Appender app = storage.appender();
        app.append(0, UP_A, 1000, 1);
        app.rollback();
        assertEquals(List.of(), select(0, 5000, LabelMatcher.equal("job", "a")));
    }

    @Test
    void selectionFollowsPrometheusMatcherSemantics() {
        append(UP_A, 1000, 1);
        append(UP_B, 1000, 0);
        append(OTHER, 1000, 5);
        assertEquals(2, select(0, 2000, LabelMatcher.equal("__name__", "up")).size());
        // An absent label matches as the empty string.
        assertEquals(List.of("up{job=\"a\"} 1000=1.0"),
                select(0, 2000, LabelMatcher.equal("__name__", "up"), LabelMatcher.equal("zone", "")));
        assertEquals(List.of("other{job=\"a\"} 1000=5.0", "up{job=\"a\"} 1000=1.0"),
                select(0, 2000, LabelMatcher.of("job", MatchType.REGEX, "a")));
        // Regexes are anchored.
        assertEquals(List.of(), select(0, 2000, LabelMatcher.of("job", MatchType.REGEX, "")));
        assertEquals(3, select(0, 2000, LabelMatcher.of("job", MatchType.NOT_REGEX, "")).size());
    }

    @Test
    void rangeBoundsAreInclusive() {
        for (int i = 0; i < 10; i++) {
            append(UP_A, i * 1000L, i);
        }
        assertEquals(List.of("up{job=\"a\"} 3000=3.0 4000=4.0 5000=5.0"),
                select(3000, 5000, LabelMatcher.equal("job", "a")));
        assertEquals(List.of(), select(20_000, 30_000, LabelMatcher.equal("job", "a")));
    }

    @Test
    void outOfOrderAndDuplicateSamplesAreRejected() {
        append(UP_A, 2000, 1);
        Appender app = storage.appender();
        StorageException ooo = assertThrows(StorageException.class, () -> app.append(0, UP_A, 1000, 1));
        assertTrue(ooo.getMessage().contains("out of order"));
        assertFalse(ooo.retryable());
        assertThrows(StorageException.class, () -> app.append(0, UP_A, 2000, 7));
        app.append(0, UP_A, 2000, 1); // same value: ignored, not an error
        app.commit();
        assertEquals(List.of("up{job=\"a\"} 2000=1.0"), select(0, 5000, LabelMatcher.equal("job", "a")));
    }

    @Test
    void staleMarkersAreStoredBitExact() {
        append(UP_A, 1000, StaleMarker.VALUE);
        try (Querier q = storage.querier(0, 2000);
             SeriesSet set = q.select(false, SelectHints.of(0, 2000), List.of(LabelMatcher.equal("job", "a")))) {
            assertTrue(set.next());
            SampleIterator it = set.at().iterator();
            assertEquals(SampleType.FLOAT, it.next());
            assertTrue(StaleMarker.isStale(it.value()));
        }
    }

    @Test
    void refsSkipTheLookupAndSurviveWrongRefs() {
        Appender app = storage.appender();
        long ref = app.append(0, UP_A, 1000, 1);
        assertEquals(ref, app.append(ref, UP_A, 2000, 2));
        long other = app.append(ref, UP_B, 2000, 3); // a stale ref for other labels must not misfile
        app.commit();
        assertTrue(other != ref);
        assertEquals(List.of("up{job=\"b\", zone=\"x\"} 2000=3.0"), select(0, 5000, LabelMatcher.equal("job", "b")));
    }

    @Test
    void iteratorsAreSnapshotsWhileAppendsContinue() {
        for (int i = 0; i < 10; i++) {
            append(UP_A, i, i);
        }
        try (Querier q = storage.querier(0, Long.MAX_VALUE);
             SeriesSet set = q.select(false, SelectHints.of(0, Long.MAX_VALUE), List.of(LabelMatcher.equal("job", "a")))) {
            set.next();
            SampleIterator it = set.at().iterator();
            for (int i = 10; i < 1000; i++) {
                append(UP_A, i, i);
            }
            storage.truncate(5);
            int n = 0;
            while (it.next() == SampleType.FLOAT) {
                assertEquals(n, it.value());
                n++;
            }
            assertEquals(10, n);
        }
    }

    @Test
    void seekMovesToFirstSampleAtOrAfter() {
        for (int i = 0; i < 10; i++) {
            append(UP_A, i * 10L, i);
        }
        try (Querier q = storage.querier(0, 1000);
             SeriesSet set = q.select(false, SelectHints.of(0, 1000), List.of(LabelMatcher.equal("job", "a")))) {
            set.next();
            SampleIterator it = set.at().iterator();
            assertEquals(SampleType.FLOAT, it.seek(35));
            assertEquals(40, it.timestamp());
            assertEquals(SampleType.FLOAT, it.seek(40));
            assertEquals(40, it.timestamp());
            assertEquals(SampleType.NONE, it.seek(91));
        }
    }

    @Test
    void labelNamesAndValues() {
        append(UP_A, 1000, 1);
        append(UP_B, 1000, 0);
        try (Querier q = storage.querier(0, 2000)) {
            assertEquals(List.of("__name__", "job", "zone"), q.labelNames(List.of()));
            assertEquals(List.of("a", "b"), q.labelValues("job", List.of()));
            assertEquals(List.of("x"), q.labelValues("zone", List.of(LabelMatcher.equal("job", "b"))));
        }
    }

    @Test
    void retentionDropsOldSamplesAndEmptySeries() {
        append(UP_A, 1000, 1);
        append(UP_A, 5000, 2);
        append(UP_B, 1000, 1);
        storage.truncate(2000);
        assertEquals(1, storage.seriesCount());
        assertEquals(List.of("up{job=\"a\"} 5000=2.0"), select(0, 10_000, LabelMatcher.equal("__name__", "up")));
    }

    @Test
    void stoppedStorageFailsRetryably() {
        storage.deactivate();
        StorageException e = assertThrows(StorageException.class, storage::appender);
        assertTrue(e.retryable());
    }

    @Test
    void snapshotKeepsDataAcrossARestart() throws Exception {
        Path file = dir.resolve("pharos/memory.snapshot");
        MemoryStorage first = new MemoryStorage();
        first.activate(config(file.toString()));
        Appender app = first.appender();
        app.append(0, UP_A, 1000, 1);
        app.append(0, UP_A, 2000, StaleMarker.VALUE);
        app.append(0, OTHER, 1000, -0.5);
        app.commit();
        first.deactivate();
        assertTrue(Files.exists(file));

        MemoryStorage second = new MemoryStorage();
        second.activate(config(file.toString()));
        try (Querier q = second.querier(0, 5000);
             SeriesSet set = q.select(true, SelectHints.of(0, 5000), List.of(LabelMatcher.equal("job", "a")))) {
            assertTrue(set.next());
            assertEquals(OTHER, set.at().labels());
            assertTrue(set.next());
            assertEquals(UP_A, set.at().labels());
            SampleIterator it = set.at().iterator();
            assertEquals(SampleType.FLOAT, it.next());
            assertEquals(1.0, it.value());
            assertEquals(SampleType.FLOAT, it.next());
            assertTrue(StaleMarker.isStale(it.value()), "stale marker bits survive");
            assertFalse(set.next());
        }
        second.deactivate();
    }

    @Test
    void unreadableSnapshotIsSetAsideAndStorageStartsEmpty() throws Exception {
        Path file = dir.resolve("memory.snapshot");
        Files.writeString(file, "not a snapshot");
        MemoryStorage s = new MemoryStorage();
        s.activate(config(file.toString()));
        assertEquals(0, s.seriesCount());
        assertTrue(Files.exists(dir.resolve("memory.snapshot.corrupt")));
        s.deactivate();
    }
}
