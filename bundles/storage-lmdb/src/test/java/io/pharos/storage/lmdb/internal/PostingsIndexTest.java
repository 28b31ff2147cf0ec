package io.pharos.storage.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.roaringbitmap.RoaringBitmap;

/** The index against a brute-force scan with {@link LabelMatcher#matches} on random data. */
class PostingsIndexTest {
    private static final String[] NAMES = {"__name__", "job", "instance", "mode", "absent"};
    private static final String[] VALUES = {"a", "b", "ab", "ba", "abc", "x"};
    private static final String[] PATTERNS = {"", "a", "b", "x", "a.*", ".*", ".+", "a|b", "b|", "(ab|x)", "[ab]+",
        "z"};

    @RepeatedTest(30)
    void selectionMatchesABruteForceScan(RepetitionInfo rep) {
        Random rnd = new Random(rep.getCurrentRepetition());
        PostingsIndex index = new PostingsIndex();
        List<Labels> series = new ArrayList<>();
        List<Boolean> alive = new ArrayList<>();
        int n = 50 + rnd.nextInt(300);
        for (int id = 0; id < n; id++) {
            Labels.Builder b = Labels.builder();
            for (int k = 0; k < NAMES.length - 1; k++) {
                if (rnd.nextInt(4) > 0) {
                    b.set(NAMES[k], VALUES[rnd.nextInt(VALUES.length)]);
                }
            }
            Labels l = b.build();
            series.add(l);
            alive.add(true);
            index.add(id, l);
        }
        for (int i = 0; i < n / 10; i++) {
            int id = rnd.nextInt(n);
            if (alive.get(id)) {
                index.remove(id, series.get(id));
                alive.set(id, false);
            }
        }
        for (int q = 0; q < 200; q++) {
            List<LabelMatcher> matchers = new ArrayList<>();
            int m = rnd.nextInt(4);
            for (int i = 0; i < m; i++) {
                MatchType type = MatchType.values()[rnd.nextInt(MatchType.values().length)];
                String value = type == MatchType.EQUAL || type == MatchType.NOT_EQUAL
                        ? (rnd.nextInt(5) == 0 ? "" : VALUES[rnd.nextInt(VALUES.length)])
                        : PATTERNS[rnd.nextInt(PATTERNS.length)];
                matchers.add(LabelMatcher.of(NAMES[rnd.nextInt(NAMES.length)], type, value));
            }
            RoaringBitmap expected = new RoaringBitmap();
            for (int id = 0; id < n; id++) {
                if (!alive.get(id)) {
                    continue;
                }
                boolean all = true;
                for (LabelMatcher lm : matchers) {
                    all &= lm.matches(series.get(id).get(lm.name()));
                }
                if (all) {
                    expected.add(id);
                }
            }
            RoaringBitmap got = index.select(matchers);
            assertEquals(expected, got, "matchers " + matchers);

            TreeSet<String> names = new TreeSet<>();
            TreeSet<String> jobs = new TreeSet<>();
            expected.forEach((int id) -> {
                series.get(id).forEach((k, v) -> names.add(k));
                if (series.get(id).has("job")) {
                    jobs.add(series.get(id).get("job"));
                }
            });
            assertEquals(names, new TreeSet<>(index.labelNames(got)), "names for " + matchers);
            assertEquals(jobs, new TreeSet<>(index.labelValues("job", got)), "job values for " + matchers);
        }
    }
}
