package io.pharos.benchmarks;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.model.Series;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.SelectHints;
import io.pharos.storage.Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Read-only storage over sorted primitive arrays, so that query benchmarks measure the engine and
 * not a backend. Series are added before the benchmark runs.
 */
final class ArrayStorage implements Storage {
    private record ArraySeries(Labels labels, long[] ts, double[] vs) {
    }

    private final List<ArraySeries> series = new ArrayList<>();

    void add(Labels labels, long[] ts, double[] vs) {
        series.add(new ArraySeries(labels, ts, vs));
        series.sort((a, b) -> a.labels().compareTo(b.labels()));
    }

    @Override
    public Appender appender() {
        throw new UnsupportedOperationException("read-only benchmark storage");
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String primaryName() {
        return "arrays";
    }

    @Override
    public Querier querier(long mint, long maxt) {
        return new Querier() {
            private List<ArraySeries> matching(List<LabelMatcher> matchers) {
                List<ArraySeries> out = new ArrayList<>();
                for (ArraySeries s : series) {
                    if (matchers.stream().allMatch(m -> m.matches(s.labels().get(m.name())))) {
                        out.add(s);
                    }
                }
                return out;
            }

            @Override
            public SeriesSet select(boolean sorted, SelectHints hints, List<LabelMatcher> matchers) {
                List<Series> out = new ArrayList<>();
                for (ArraySeries s : matching(matchers)) {
                    int from = lowerBound(s.ts(), mint);
                    int to = lowerBound(s.ts(), maxt == Long.MAX_VALUE ? maxt : maxt + 1);
                    out.add(new Series() {
                        @Override
                        public Labels labels() {
                            return s.labels();
                        }

                        @Override
                        public SampleIterator iterator() {
                            return SampleIterator.over(s.ts(), s.vs(), from, to);
                        }
                    });
                }
                return SeriesSet.of(out);
            }

            @Override
            public List<String> labelNames(List<LabelMatcher> matchers) {
                TreeSet<String> names = new TreeSet<>();
                matching(matchers).forEach(s -> s.labels().forEach((n, v) -> names.add(n)));
                return new ArrayList<>(names);
            }

            @Override
            public List<String> labelValues(String name, List<LabelMatcher> matchers) {
                TreeSet<String> values = new TreeSet<>();
                matching(matchers).forEach(s -> {
                    if (s.labels().has(name)) {
                        values.add(s.labels().get(name));
                    }
                });
                return new ArrayList<>(values);
            }

            @Override
            public void close() {
            }
        };
    }

    private static int lowerBound(long[] ts, long t) {
        int i = Arrays.binarySearch(ts, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && ts[i - 1] == t) {
            i--;
        }
        return i;
    }
}
