package io.pharos.remotewrite.internal;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.model.SampleType;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.SelectHints;
import io.pharos.storage.Storage;
import io.pharos.storage.StorageUnavailableException;
import io.pharos.storage.memory.MemoryStorage;
import java.util.ArrayList;
import java.util.List;

/** The kernel's storage over a real in-memory backend, which can be taken down or made to fail. */
final class TestStorage implements Storage {
    final MemoryStorage backend = new MemoryStorage();
    volatile boolean up = true;
    /** When set, every append fails with this (after the backend accepted the sample). */
    volatile RuntimeException failAppends;
    int commits;
    int rollbacks;

    @Override
    public Appender appender() {
        if (!up) {
            throw new StorageUnavailableException();
        }
        Appender a = backend.appender();
        return new Appender() {
            @Override
            public long append(long ref, io.pharos.spi.model.Labels labels, long t, double v) {
                long r = a.append(ref, labels, t, v);
                if (failAppends != null) {
                    throw failAppends;
                }
                return r;
            }

            @Override
            public void commit() {
                commits++;
                a.commit();
            }

            @Override
            public void rollback() {
                rollbacks++;
                a.rollback();
            }
        };
    }

    @Override
    public Querier querier(long mint, long maxt) {
        return backend.querier(mint, maxt);
    }

    @Override
    public boolean available() {
        return up;
    }

    @Override
    public String primaryName() {
        return up ? "memory" : null;
    }

    /** Every stored sample of the series matching {@code name}, as "labels t=v" lines. */
    List<String> samples(String name) {
        List<String> out = new ArrayList<>();
        try (Querier q = backend.querier(Long.MIN_VALUE, Long.MAX_VALUE);
             SeriesSet set = q.select(true, new SelectHints(Long.MIN_VALUE, Long.MAX_VALUE, 0, "", 0, false),
                     List.of(LabelMatcher.equal("__name__", name)))) {
            while (set.next()) {
                SampleIterator it = set.at().iterator();
                while (it.next() != SampleType.NONE) {
                    out.add(set.at().labels() + " " + it.timestamp() + "=" + it.value());
                }
            }
        }
        return out;
    }

    /** How many series the backend has, with or without samples. */
    int seriesCount() {
        return backend.seriesCount();
    }
}
