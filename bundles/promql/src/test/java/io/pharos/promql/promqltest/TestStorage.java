package io.pharos.promql.promqltest;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.model.SampleType;
import io.pharos.spi.model.Series;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.SelectHints;
import io.pharos.storage.Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sorted in-memory {@link Storage} for the script runner: series in label order, each with
 * time-sorted parallel arrays. Native histogram samples are kept as placeholders (kind
 * {@link SampleType#HISTOGRAM}, value NaN) so that the engine sees a histogram where the script put
 * one instead of an older float, and so that {@link #histogramsRead()} can tell the runner a query
 * touched one. Samples keep their start timestamps (0 = unknown), which the iterators report. Not
 * thread-safe for writes; reads happen after loading.
 */
public final class TestStorage implements Storage {
    private static final byte FLOAT = 0;
    private static final byte HISTOGRAM = 1;

    private final TreeMap<Labels, Data> series = new TreeMap<>();
    private final AtomicBoolean histogramsRead = new AtomicBoolean();
    private final AtomicBoolean selected = new AtomicBoolean();

    /** Samples of one series, sorted by timestamp, at most one per timestamp. */
    private static final class Data {
        long[] ts = new long[16];
        double[] vs = new double[16];
        byte[] kinds = new byte[16];
        long[] sts = new long[16];
        int n;

        void put(long t, double v, byte kind, long st) {
            int i = n > 0 && ts[n - 1] < t ? n : Arrays.binarySearch(ts, 0, n, t);
            if (i >= 0 && i < n) {
                // A later load of the same series and timestamp overwrites it.
                vs[i] = v;
                kinds[i] = kind;
                sts[i] = st;
                return;
            }
            int at = i == n ? n : -i - 1;
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
                kinds = Arrays.copyOf(kinds, n * 2);
                sts = Arrays.copyOf(sts, n * 2);
            }
            System.arraycopy(ts, at, ts, at + 1, n - at);
            System.arraycopy(vs, at, vs, at + 1, n - at);
            System.arraycopy(kinds, at, kinds, at + 1, n - at);
            System.arraycopy(sts, at, sts, at + 1, n - at);
            ts[at] = t;
            vs[at] = v;
            kinds[at] = kind;
            sts[at] = st;
            n++;
        }

        /** The first index with a timestamp at or after {@code t}, searching from {@code from}. */
        int lowerBound(int from, long t) {
            int lo = from;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ts[mid] < t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        boolean hasHistogramIn(long mint, long maxt) {
            for (int i = lowerBound(0, mint); i < n && ts[i] <= maxt; i++) {
                if (kinds[i] == HISTOGRAM) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Adds a float sample (possibly a stale marker); replaces one at the same timestamp. */
    public void addFloat(Labels labels, long t, double v) {
        addFloat(labels, t, v, 0);
    }

    /** {@link #addFloat(Labels, long, double)} with a start timestamp ({@code @st}; 0 = unknown). */
    public void addFloat(Labels labels, long t, double v, long st) {
        series.computeIfAbsent(labels, l -> new Data()).put(t, v, FLOAT, st);
    }

    /** Adds a native histogram placeholder. */
    public void addHistogram(Labels labels, long t) {
        addHistogram(labels, t, 0);
    }

    /** {@link #addHistogram(Labels, long)} with a start timestamp (0 = unknown). */
    public void addHistogram(Labels labels, long t, long st) {
        series.computeIfAbsent(labels, l -> new Data()).put(t, Double.NaN, HISTOGRAM, st);
    }

    /** Drops all data ({@code clear}). */
    public void clear() {
        series.clear();
    }

    /** Whether a select since the last {@link #resetReads()} returned histogram samples. */
    public boolean histogramsRead() {
        return histogramsRead.get();
    }

    /** Whether there was any select since the last {@link #resetReads()}. */
    public boolean selected() {
        return selected.get();
    }

    public void resetReads() {
        histogramsRead.set(false);
        selected.set(false);
    }

    @Override
    public Appender appender() {
        return new Appender() {
            private final List<Object[]> pending = new ArrayList<>();

            @Override
            public long append(long ref, Labels labels, long t, double v) {
                pending.add(new Object[] {labels, t, v});
                return 0;
            }

            @Override
            public void commit() {
                for (Object[] p : pending) {
                    addFloat((Labels) p[0], (Long) p[1], (Double) p[2]);
                }
                pending.clear();
            }

            @Override
            public void rollback() {
                pending.clear();
            }
        };
    }

    @Override
    public Querier querier(long mint, long maxt) {
        return new Querier() {
            @Override
            public SeriesSet select(boolean sorted, SelectHints hints, List<LabelMatcher> matchers) {
                selected.set(true);
                List<Series> found = new ArrayList<>();
                for (Map.Entry<Labels, Data> e : matching(matchers)) {
                    Data d = e.getValue();
                    int first = d.lowerBound(0, mint);
                    if (first < d.n && d.ts[first] <= maxt) {
                        if (d.hasHistogramIn(mint, maxt)) {
                            histogramsRead.set(true);
                        }
                        found.add(new StoredSeries(e.getKey(), d, mint, maxt));
                    }
                }
                return SeriesSet.of(found);
            }

            @Override
            public List<String> labelNames(List<LabelMatcher> matchers) {
                TreeSet<String> names = new TreeSet<>();
                for (Map.Entry<Labels, Data> e : matching(matchers)) {
                    if (e.getValue().n > 0) {
                        e.getKey().forEach((n, v) -> names.add(n));
                    }
                }
                return new ArrayList<>(names);
            }

            @Override
            public List<String> labelValues(String name, List<LabelMatcher> matchers) {
                TreeSet<String> values = new TreeSet<>();
                for (Map.Entry<Labels, Data> e : matching(matchers)) {
                    String v = e.getKey().get(name);
                    if (v != null && e.getValue().n > 0) {
                        values.add(v);
                    }
                }
                return new ArrayList<>(values);
            }

            @Override
            public void close() {
            }
        };
    }

    private List<Map.Entry<Labels, Data>> matching(List<LabelMatcher> matchers) {
        List<Map.Entry<Labels, Data>> out = new ArrayList<>();
        outer:
        for (Map.Entry<Labels, Data> e : series.entrySet()) {
            for (LabelMatcher m : matchers) {
                if (!m.matches(e.getKey().get(m.name()))) {
                    continue outer;
                }
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String primaryName() {
        return "promqltest";
    }

    private static final class StoredSeries implements Series {
        private final Labels labels;
        private final Data data;
        private final long mint;
        private final long maxt;

        StoredSeries(Labels labels, Data data, long mint, long maxt) {
            this.labels = labels;
            this.data = data;
            this.mint = mint;
            this.maxt = maxt;
        }

        @Override
        public Labels labels() {
            return labels;
        }

        @Override
        public SampleIterator iterator() {
            return new SampleIterator() {
                private int i = -1;

                @Override
                public SampleType next() {
                    i = i < 0 ? data.lowerBound(0, mint) : Math.min(i + 1, data.n);
                    return current();
                }

                @Override
                public SampleType seek(long t) {
                    i = data.lowerBound(Math.max(i, 0), Math.max(t, mint));
                    return current();
                }

                private SampleType current() {
                    if (i >= data.n || data.ts[i] > maxt) {
                        return SampleType.NONE;
                    }
                    return data.kinds[i] == HISTOGRAM ? SampleType.HISTOGRAM : SampleType.FLOAT;
                }

                @Override
                public long timestamp() {
                    return data.ts[i];
                }

                @Override
                public double value() {
                    return data.vs[i];
                }

                @Override
                public long startTimestamp() {
                    return data.sts[i];
                }
            };
        }
    }
}
