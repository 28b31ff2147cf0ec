package io.pharos.storage.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsdbTest {
    private static final long MIN = 60_000;
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;
    private Tsdb db;

    @AfterEach
    void close() throws IOException {
        if (db != null) {
            db.close();
        }
    }

    private Tsdb open(TsdbOptions o) throws IOException {
        db = Tsdb.open(dir, o);
        return db;
    }

    private static TsdbOptions small() {
        return TsdbOptions.defaults().withMapBytes(1 << 16, 1L << 32);
    }

    /** Appends {@code n} samples every minute from T0 to each of the series, one commit per step. */
    private static void fill(Tsdb db, List<Labels> series, int n) {
        for (int i = 0; i < n; i++) {
            Appender app = db.appender();
            for (int s = 0; s < series.size(); s++) {
                app.append(0, series.get(s), T0 + i * MIN, s * 1000 + i);
            }
            app.commit();
        }
    }

    /** Every sample of the matching series as "labels t=v" lines. */
    private static Map<String, List<String>> read(Tsdb db, long mint, long maxt, LabelMatcher... matchers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Querier q = db.querier(mint, maxt);
                SeriesSet set = q.select(true, SelectHints.of(mint, maxt), List.of(matchers))) {
            while (set.next()) {
                List<String> samples = new ArrayList<>();
                SampleIterator it = set.at().iterator();
                while (it.next() == SampleType.FLOAT) {
                    samples.add((it.timestamp() - T0) / MIN + "=" + it.value());
                }
                out.put(set.at().labels().toString(), samples);
            }
        }
        return out;
    }

    private static List<Labels> series(int n) {
        List<Labels> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Labels.of("__name__", "m", "i", Integer.toString(i), "even", i % 2 == 0 ? "yes" : "no"));
        }
        return out;
    }

    @Test
    void samplesAreReadBackFromTheHeadFromLmdbAndAfterReopening() throws IOException {
        List<Labels> ls = series(3);
        open(small());
        fill(db, ls, 300); // 300 minutes: several chunks and three 2h blocks
        Map<String, List<String>> head = read(db, T0, T0 + 300 * MIN);
        assertEquals(3, head.size());
        assertEquals(300, head.get(ls.get(1).toString()).size());
        assertEquals("0=1000.0", head.get(ls.get(1).toString()).get(0));

        db.checkpoint();
        assertEquals(head, read(db, T0, T0 + 300 * MIN), "same answer once chunks are in LMDB");
        fill2(db, ls, 300, 10); // more samples after the checkpoint: head and LMDB together
        db.close();

        open(small());
        Map<String, List<String>> again = read(db, T0, T0 + 400 * MIN);
        assertEquals(310, again.get(ls.get(2).toString()).size());
        assertEquals("309=2309.0", again.get(ls.get(2).toString()).get(309));
        assertEquals(List.of("10=10.0", "11=11.0"),
                read(db, T0 + 10 * MIN, T0 + 11 * MIN, LabelMatcher.equal("i", "0")).get(ls.get(0).toString()),
                "a narrow range reads only its samples");
    }

    private static void fill2(Tsdb db, List<Labels> series, int from, int n) {
        for (int i = from; i < from + n; i++) {
            Appender app = db.appender();
            for (int s = 0; s < series.size(); s++) {
                app.append(0, series.get(s), T0 + i * MIN, s * 1000 + i);
            }
            app.commit();
        }
    }

    @Test
    void aCrashLosesNothingCommitted() throws IOException {
        List<Labels> ls = series(50);
        open(small().withCheckpointMs(1000));
        fill(db, ls, 100);
        db.checkpoint();
        fill2(db, ls, 100, 37);
        Appender uncommitted = db.appender();
        uncommitted.append(0, ls.get(0), T0 + 1000 * MIN, 1);
        crash(db);

        open(small());
        Map<String, List<String>> got = read(db, T0, T0 + 2000 * MIN);
        assertEquals(50, got.size());
        for (int s = 0; s < 50; s++) {
            List<String> samples = got.get(ls.get(s).toString());
            assertEquals(137, samples.size(), "series " + s);
            assertEquals("136=" + (s * 1000 + 136) + ".0", samples.get(136));
        }
    }

    /** Stops the database the way kill -9 would: no checkpoint, no flush, files left as they are. */
    private void crash(Tsdb victim) throws IOException {
        victim.crashForTest();
        db = null;
    }

    @Test
    void aTornWalTailKeepsEverythingBeforeIt() throws IOException {
        List<Labels> ls = series(2);
        open(small());
        fill(db, ls, 10);
        crash(db);
        Path wal = dir.resolve("wal");
        Path last;
        try (var files = Files.list(wal)) {
            last = files.sorted().reduce((a, b) -> b).orElseThrow();
        }
        Files.write(last, new byte[] {0, 0, 0, 40, 1, 2}, StandardOpenOption.APPEND);
        open(small());
        assertEquals(10, read(db, T0, T0 + 100 * MIN).get(ls.get(1).toString()).size());
        assertEquals(1, db.stats.walCorruptions.sum());
    }

    @Test
    void outOfOrderAndDuplicateSamplesAreRejectedAndCounted() throws IOException {
        Labels l = Labels.of("__name__", "m");
        open(small());
        Appender a = db.appender();
        a.append(0, l, T0, 1);
        a.commit();
        Appender b = db.appender();
        StorageException ooo = assertThrows(StorageException.class, () -> b.append(0, l, T0 - 1, 1));
        assertEquals("out of order sample", ooo.getMessage());
        StorageException dup = assertThrows(StorageException.class, () -> b.append(0, l, T0, 2));
        assertEquals("duplicate sample for timestamp", dup.getMessage());
        b.append(0, l, T0, 1); // the same sample again is no error
        // Within one batch the older of two samples loses at commit.
        b.append(0, l, T0 + 2, 3);
        b.append(0, l, T0 + 1, 2);
        b.commit();
        assertEquals(List.of("0=1.0", "0=3.0"), read(db, T0, T0 + 10).get(l.toString()));
        assertEquals(2, db.stats.outOfOrder.sum());
        assertEquals(1, db.stats.duplicates.sum());
    }

    @Test
    void staleMarkersNanAndInfinitiesKeepTheirBits() throws IOException {
        Labels l = Labels.of("__name__", "m");
        open(small());
        double[] values = {StaleMarker.VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0};
        Appender a = db.appender();
        for (int i = 0; i < values.length; i++) {
            a.append(0, l, T0 + i * 1000L * 3600 * 24, values[i]); // big gaps too
        }
        a.commit();
        db.checkpoint();
        db.close();
        open(small());
        try (Querier q = db.querier(T0, T0 + 10L * 1000 * 3600 * 24);
                SeriesSet set = q.select(false, SelectHints.of(0, 0), List.of())) {
            assertTrue(set.next());
            SampleIterator it = set.at().iterator();
            for (double v : values) {
                assertEquals(SampleType.FLOAT, it.next());
                assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(it.value()));
            }
            assertEquals(SampleType.NONE, it.next());
        }
    }

    @Test
    void seekSkipsToTheFirstSampleAtOrAfterTheTarget() throws IOException {
        List<Labels> ls = series(1);
        open(small());
        fill(db, ls, 500);
        db.checkpoint();
        try (Querier q = db.querier(T0, T0 + 500 * MIN);
                SeriesSet set = q.select(false, SelectHints.of(0, 0), List.of())) {
            assertTrue(set.next());
            SampleIterator it = set.at().iterator();
            assertEquals(SampleType.FLOAT, it.seek(T0 + 250 * MIN + 1));
            assertEquals(T0 + 251 * MIN, it.timestamp());
            assertEquals(SampleType.FLOAT, it.seek(T0 + 100 * MIN), "never moves back");
            assertEquals(T0 + 251 * MIN, it.timestamp());
            assertEquals(SampleType.FLOAT, it.next());
            assertEquals(T0 + 252 * MIN, it.timestamp());
            assertEquals(SampleType.NONE, it.seek(T0 + 501 * MIN));
        }
    }

    @Test
    void labelNamesAndValuesFollowMatchers() throws IOException {
        open(small());
        Appender a = db.appender();
        a.append(0, Labels.of("__name__", "up", "job", "a", "zone", "x"), T0, 1);
        a.append(0, Labels.of("__name__", "up", "job", "b"), T0, 1);
        a.append(0, Labels.of("__name__", "other", "job", "c"), T0, 1);
        a.commit();
        try (Querier q = db.querier(T0, T0)) {
            assertEquals(List.of("__name__", "job", "zone"), q.labelNames(List.of()));
            assertEquals(List.of("__name__", "job"), q.labelNames(List.of(LabelMatcher.equal("job", "b"))));
            assertEquals(List.of("a", "b", "c"), q.labelValues("job", List.of()));
            assertEquals(List.of("a", "b"), q.labelValues("job", List.of(LabelMatcher.equal("__name__", "up"))));
            assertEquals(List.of("b"), q.labelValues("job",
                    List.of(LabelMatcher.equal("__name__", "up"), LabelMatcher.of("zone", MatchType.EQUAL, ""))));
        }
    }

    @Test
    void retentionDeletesOldBlocksAndSeriesLeftEmpty() throws IOException {
        List<Labels> ls = series(2);
        Labels old = Labels.of("__name__", "gone");
        open(small().withRetention(4 * TsdbOptions.HOUR, 0));
        Appender a = db.appender();
        a.append(0, old, T0, 1);
        a.commit();
        fill(db, ls, 600); // 10 hours
        db.checkpoint();
        db.checkpoint(); // the idle series' chunk is closed once newer blocks exist
        long now = T0 + 600 * MIN;
        db.applyRetention(now);
        Map<String, List<String>> got = read(db, T0, now);
        assertEquals(2, got.size(), "the series without recent data is gone: " + got.keySet());
        long firstKept = Math.floorDiv(now - 4 * TsdbOptions.HOUR, 2 * TsdbOptions.HOUR) * 2 * TsdbOptions.HOUR;
        String first = got.get(ls.get(0).toString()).get(0);
        assertEquals(-Math.floorDiv(T0 - firstKept, MIN), Long.parseLong(first.substring(0, first.indexOf('='))),
                "samples start at the first block retention keeps");
        db.close();
        open(small());
        assertEquals(2, db.seriesCount(), "the series table forgot the dropped series too");
    }

    @Test
    void theMapGrowsOnDemand() throws IOException {
        open(TsdbOptions.defaults().withMapBytes(1 << 16, 1L << 32));
        long before = db.lmdbMapBytes();
        fill(db, series(2000), 30);
        db.checkpoint();
        assertTrue(db.lmdbMapBytes() > before, "map grew from " + before + " to " + db.lmdbMapBytes());
        assertEquals(2000, read(db, T0, T0 + 30 * MIN).size());
    }

    @Test
    void aFullMapFailsTheCheckpointVisiblyAndLosesNothing() throws IOException {
        List<Labels> ls = series(3000);
        open(TsdbOptions.defaults().withMapBytes(1 << 16, 1 << 18));
        fill(db, ls, 30);
        IOException full = assertThrows(IOException.class, db::checkpoint);
        assertTrue(full.getMessage().contains("map size limit"), full.getMessage());
        assertTrue(db.writeError().startsWith("checkpoint: LMDB map size limit"), db.writeError());
        fill2(db, ls, 30, 5); // appends still work: the WAL holds them
        crash(db);
        open(TsdbOptions.defaults().withMapBytes(1 << 16, 1L << 32));
        Map<String, List<String>> got = read(db, T0, T0 + 100 * MIN);
        assertEquals(3000, got.size());
        assertEquals(35, got.get(ls.get(2999).toString()).size());
        db.checkpoint();
        assertEquals("", db.writeError());
    }

    @Test
    void refsFromAnotherInstanceAreNotTrusted() throws IOException {
        open(small());
        Appender a = db.appender();
        long ref = a.append(0, Labels.of("__name__", "a"), T0, 1);
        a.commit();
        Appender b = db.appender();
        assertEquals(ref, b.append(ref, Labels.of("__name__", "a"), T0 + 1, 2));
        long foreign = (ref & 0xffffffffL) | (((ref >>> 32) + 2) << 32);
        long other = b.append(foreign, Labels.of("__name__", "b"), T0 + 1, 3);
        b.commit();
        assertTrue(other != ref);
        assertEquals(2, read(db, T0, T0 + 10).size());
    }

    @Test
    void statusCountsSeriesChunksAndTopCardinalities() throws IOException {
        open(small());
        Appender a = db.appender();
        a.append(0, Labels.of("__name__", "up", "job", "node", "instance", "a:1"), T0, 1);
        a.append(0, Labels.of("__name__", "up", "job", "node", "instance", "b:1"), T0, 1);
        a.append(0, Labels.of("__name__", "x", "job", "api"), T0 + 5, 1);
        a.commit();
        var s = db.status(2);
        assertEquals(3, s.numSeries());
        assertEquals(3, s.chunkCount());
        assertEquals(T0, s.minTime());
        assertEquals(T0 + 5, s.maxTime());
        assertEquals(6, s.numLabelPairs());
        assertEquals("[Count[name=up, value=2], Count[name=x, value=1]]", s.seriesCountByMetricName().toString());
        assertEquals("[Count[name=__name__, value=2], Count[name=instance, value=2]]",
                s.labelValueCountByLabelName().toString());
        assertEquals("[Count[name=job, value=11], Count[name=instance, value=6]]",
                s.memoryInBytesByLabelName().toString()); // len("node") * 2 + len("api"); 3 + 3
        assertEquals("[Count[name=__name__=up, value=2], Count[name=job=node, value=2]]",
                s.seriesCountByLabelValuePair().toString());
    }

    @Test
    void deletedSamplesAreGoneFromHeadAndLmdbAlsoAfterACrash() throws IOException {
        List<Labels> ls = series(2);
        open(small());
        fill(db, ls, 300);
        db.checkpoint(); // most chunks in LMDB, the newest in the head
        db.deleteSeries(List.of(LabelMatcher.equal("i", "0")), T0 + 100 * MIN, T0 + 299 * MIN);
        Map<String, List<String>> got = read(db, T0, T0 + 400 * MIN);
        assertEquals(100, got.get(ls.get(0).toString()).size());
        assertEquals("99=99.0", got.get(ls.get(0).toString()).get(99));
        assertEquals(300, got.get(ls.get(1).toString()).size(), "other series untouched");
        crash(db);
        open(small());
        assertEquals(100, read(db, T0, T0 + 400 * MIN).get(ls.get(0).toString()).size(), "still deleted after replay");
        fill2(db, ls, 300, 1);
        assertEquals("300=300.0", read(db, T0 + 300 * MIN, T0 + 400 * MIN).get(ls.get(0).toString()).get(0),
                "appends go on after a deletion");
    }

    @Test
    void aSnapshotIsADatabaseOfItsOwn() throws IOException {
        List<Labels> ls = series(3);
        open(small());
        fill(db, ls, 50);
        String name = db.snapshot(false);
        assertTrue(name.matches("\\d{8}T\\d{6}Z-[0-9a-f]{16}"), name);
        fill2(db, ls, 50, 10); // not in the snapshot
        Path snap = dir.resolve("snapshots").resolve(name);
        assertTrue(Files.exists(snap.resolve("data.mdb")));
        try (Tsdb copy = Tsdb.open(snap, small())) {
            Map<String, List<String>> got = read(copy, T0, T0 + 100 * MIN);
            assertEquals(3, got.size());
            assertEquals(50, got.get(ls.get(2).toString()).size());
        }
    }

    @Test
    void anOutOfOrderWindowAcceptsOlderSamplesAndQueriesSeeThemInOrder() throws IOException {
        Labels l = Labels.of("__name__", "m");
        TsdbOptions o = small().withOutOfOrderWindowMs(TsdbOptions.HOUR).withBlockMs(30 * MIN);
        open(o);
        Appender a = db.appender();
        for (int i = 0; i < 100; i += 2) {
            a.append(0, l, T0 + i * MIN, i); // even minutes in order
        }
        a.commit();
        Appender b = db.appender();
        for (int i = 51; i < 100; i += 2) {
            b.append(0, l, T0 + i * MIN, i); // odd minutes of the last hour arrive late
        }
        assertThrows(StorageException.class, () -> b.append(0, l, T0 + MIN, 1), "outside the window");
        b.commit();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (i % 2 == 0 || i > 50) {
                expected.add(i + "=" + (double) i);
            }
        }
        assertEquals(expected, read(db, T0, T0 + 200 * MIN).get(l.toString()));
        assertEquals(24, db.stats.outOfOrderAppended.sum()); // 99 came after 98: in order
        db.checkpoint();
        assertEquals(expected, read(db, T0, T0 + 200 * MIN).get(l.toString()), "the same from LMDB");
        Appender c = db.appender();
        c.append(0, l, T0 + 97 * MIN + 1, 97.5); // one more late sample, only in the WAL
        c.commit();
        crash(db);
        open(o);
        expected.add(expected.indexOf("97=97.0") + 1, "97=97.5");
        assertEquals(expected, read(db, T0, T0 + 200 * MIN).get(l.toString()), "and after replay");
    }

    @Test
    void aCheckpointIsDueOnceEnoughChunksClosed() throws IOException {
        open(small().withHeadClosedBytesLimit(10_000).withBlockMs(1000 * TsdbOptions.HOUR)); // no block edge here
        List<Labels> ls = series(100);
        fill(db, ls, 120); // one full chunk per series, none closed yet
        assertEquals(false, db.checkpointDue());
        fill2(db, ls, 120, 1); // closes 100 chunks of ~150 bytes
        assertTrue(db.checkpointDue());
        db.checkpoint();
        assertEquals(false, db.checkpointDue(), "a checkpoint starts the count again");
    }
}
