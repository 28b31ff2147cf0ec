package io.pharos.scrape.internal;

import io.pharos.spi.model.Labels;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A storage that keeps committed samples, by series, as {@code {t, v}} pairs. */
final class RecordingStorage implements Storage {
    final Map<Labels, List<double[]>> stored = new ConcurrentHashMap<>();

    @Override
    public Appender appender() {
        return new Appender() {
            private final List<Object[]> pending = new ArrayList<>();

            @Override
            public long append(long ref, Labels labels, long t, double v) {
                pending.add(new Object[] {labels, t, v});
                return 1;
            }

            @Override
            public void commit() {
                for (Object[] p : pending) {
                    stored.computeIfAbsent((Labels) p[0], k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(new double[] {(Long) p[1], (Double) p[2]});
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
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String primaryName() {
        return "recording";
    }
}
