package io.pharos.promql.internal;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.model.SampleType;
import io.pharos.spi.model.Series;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.SelectHints;
import io.pharos.spi.storage.StorageException;
import io.pharos.storage.Storage;
import io.pharos.storage.StorageUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list-backed {@link Storage} for tests. Series come back in insertion order even when sorted
 * output is asked for, so that tests see the engine sort. It records the queriers and selects it
 * served and counts iterator steps.
 */
final class FakeStorage implements Storage {
    /** Samples of one series, appended in time order. */
    private static final class Data {
        long[] ts = new long[8];
        double[] vs = new double[8];
        int n;

        void add(long t, double v) {
            if (n == ts.length) {
                ts = java.util.Arrays.copyOf(ts, n * 2);
                vs = java.util.Arrays.copyOf(vs, n * 2);
            }
            ts[n] = t;
            vs[n] = v;
            n++;
        }
    }

    private final Map<Labels, Data> series = new LinkedHashMap<>();
    private RuntimeException failure;

    /** [mint, maxt] of every querier handed out. */
    final List<long[]> querierRanges = new ArrayList<>();
    final List<SelectHints> selects = new ArrayList<>();
    int iteratorNextCalls;
    int iteratorSeekCalls;
    int openQueriers;

    FakeStorage add(Labels labels, long t, double v) {
        series.computeIfAbsent(labels, l -> new Data()).add(t, v);
        return this;
    }

    /** Makes every later {@link #querier} call throw {@code e}. */
    void failWith(RuntimeException e) {
        this.failure = e;
    }

    @Override
    public Appender appender() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Querier querier(long mint, long maxt) {
        if (failure != null) {
            throw failure;
        }
        querierRanges.add(new long[] {mint, maxt});
        openQueriers++;
        return new Querier() {
            @Override
            public SeriesSet select(boolean sorted, SelectHints hints, List<LabelMatcher> matchers) {
                selects.add(hints);
                List<Series> found = new ArrayList<>();
                series.forEach((labels, data) -> {
                    for (LabelMatcher m : matchers) {
                        if (!m.matches(labels.get(m.name()))) {
                            return;
                        }
                    }
                    found.add(new FakeSeries(labels, data, mint, maxt));
                });
                return new SeriesSet() {
                    private int i = -1;

                    @Override
                    public boolean next() {
                        return ++i < found.size();
                    }

                    @Override
                    public Series at() {
                        return found.get(i);
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public List<String> labelNames(List<LabelMatcher> matchers) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<String> labelValues(String name, List<LabelMatcher> matchers) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
                openQueriers--;
            }
        };
    }

    @Override
    public boolean available() {
        return !(failure instanceof StorageUnavailableException);
    }

    @Override
    public String primaryName() {
        return "fake";
    }

    static StorageException broken(String message) {
        return new StorageException(message, false);
    }

    private final class FakeSeries implements Series {
        private final Labels labels;
        private final Data data;
        private final long mint;
        private final long maxt;

        FakeSeries(Labels labels, Data data, long mint, long maxt) {
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

                private SampleType at() {
                    while (i < data.n && data.ts[i] < mint) {
                        i++;
                    }
                    return i < data.n && data.ts[i] <= maxt ? SampleType.FLOAT : SampleType.NONE;
                }

                @Override
                public SampleType next() {
                    iteratorNextCalls++;
                    i++;
                    return at();
                }

                @Override
                public SampleType seek(long t) {
                    iteratorSeekCalls++;
                    i = Math.max(i, 0);
                    // Binary search forward from the current position, as a real backend can.
                    int lo = i;
                    int hi = data.n;
                    while (lo < hi) {
                        int mid = (lo + hi) >>> 1;
                        if (data.ts[mid] < t) {
                            lo = mid + 1;
                        } else {
                            hi = mid;
                        }
                    }
                    i = lo;
                    return at();
                }

                @Override
                public long timestamp() {
                    return data.ts[i];
                }

                @Override
                public double value() {
                    return data.vs[i];
                }
            };
        }
    }
}
