package io.pharos.storage.lmdb.internal;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.storage.StorageStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.roaringbitmap.RoaringBitmap;

/**
 * The inverted index: for every label pair the ids of the series that carry it, as Roaring
 * bitmaps, plus the set of all ids. Matchers resolve to bitmaps with Prometheus' semantics (a
 * label that is absent matches as ""). Pairs changed since the last {@link #takeDirty()} are
 * remembered so that a checkpoint rewrites only those in LMDB.
 */
final class PostingsIndex {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Map<String, RoaringBitmap>> byName = new HashMap<>();
    private final RoaringBitmap all = new RoaringBitmap();
    private Set<Pair> dirty = new HashSet<>();

    /** A label pair; the all-series set is the pair ("", ""). */
    record Pair(String name, String value) {
        static final Pair ALL = new Pair("", "");
    }

    void add(int id, Labels labels) {
        lock.writeLock().lock();
        try {
            all.add(id);
            dirty.add(Pair.ALL);
            for (int i = 0; i < labels.size(); i++) {
                String name = labels.name(i);
                String value = labels.value(i);
                byName.computeIfAbsent(name, n -> new HashMap<>())
                        .computeIfAbsent(value, v -> new RoaringBitmap()).add(id);
                dirty.add(new Pair(name, value));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    void remove(int id, Labels labels) {
        lock.writeLock().lock();
        try {
            all.remove(id);
            dirty.add(Pair.ALL);
            for (int i = 0; i < labels.size(); i++) {
                Map<String, RoaringBitmap> values = byName.get(labels.name(i));
                if (values == null) {
                    continue;
                }
                RoaringBitmap ids = values.get(labels.value(i));
                if (ids != null) {
                    ids.remove(id);
                    if (ids.isEmpty()) {
                        values.remove(labels.value(i));
                        if (values.isEmpty()) {
                            byName.remove(labels.name(i));
                        }
                    }
                }
                dirty.add(new Pair(labels.name(i), labels.value(i)));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Installs a bitmap loaded from LMDB (at startup, before any other use). */
    void load(Pair pair, RoaringBitmap ids) {
        lock.writeLock().lock();
        try {
            if (pair.equals(Pair.ALL)) {
                all.or(ids);
            } else {
                byName.computeIfAbsent(pair.name(), n -> new HashMap<>()).put(pair.value(), ids);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    int seriesCount() {
        lock.readLock().lock();
        try {
            return all.getCardinality();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Distinct label pairs. */
    long pairCount() {
        lock.readLock().lock();
        try {
            long n = 0;
            for (Map<String, RoaringBitmap> values : byName.values()) {
                n += values.size();
            }
            return n;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The pairs changed since the last call, each with a copy of its bitmap (empty: delete it). */
    Map<Pair, RoaringBitmap> takeDirty() {
        lock.writeLock().lock();
        try {
            Map<Pair, RoaringBitmap> out = new HashMap<>();
            for (Pair p : dirty) {
                RoaringBitmap ids = p.equals(Pair.ALL) ? all : postings(p.name(), p.value());
                out.put(p, ids == null ? new RoaringBitmap() : ids.clone());
            }
            dirty = new HashSet<>();
            return out;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Marks pairs dirty again after a checkpoint could not write them. */
    void redirty(Set<Pair> pairs) {
        lock.writeLock().lock();
        try {
            dirty.addAll(pairs);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private RoaringBitmap postings(String name, String value) {
        Map<String, RoaringBitmap> values = byName.get(name);
        return values == null ? null : values.get(value);
    }

    /** The ids of the series matching every matcher (all series when there are none). */
    RoaringBitmap select(List<LabelMatcher> matchers) {
        lock.readLock().lock();
        try {
            RoaringBitmap result = null;
            // Positive matchers first: they narrow the set; the rest subtract from it.
            List<LabelMatcher> subtracting = new ArrayList<>();
            for (LabelMatcher m : matchers) {
                if (m.matchesEmpty()) {
                    subtracting.add(m);
                    continue;
                }
                RoaringBitmap ids = matchingValues(m, true);
                result = result == null ? ids : RoaringBitmap.and(result, ids);
                if (result.isEmpty()) {
                    return result;
                }
            }
            if (result == null) {
                result = all.clone();
            }
            for (LabelMatcher m : subtracting) {
                // A matcher accepting "" keeps series without the label and those whose value it
                // accepts: remove the ids whose value it rejects.
                result.andNot(matchingValues(m, false));
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Union of the postings of {@code m.name()}'s values that {@code m} accepts (or rejects). */
    private RoaringBitmap matchingValues(LabelMatcher m, boolean accepted) {
        Map<String, RoaringBitmap> values = byName.get(m.name());
        if (values == null) {
            return new RoaringBitmap();
        }
        switch (m.type()) {
            case EQUAL:
                if (accepted) {
                    RoaringBitmap ids = values.get(m.value());
                    return ids == null ? new RoaringBitmap() : ids.clone();
                }
                break;
            case NOT_EQUAL:
                if (!accepted) {
                    RoaringBitmap ids = values.get(m.value());
                    return ids == null ? new RoaringBitmap() : ids.clone();
                }
                break;
            default:
                break;
        }
        List<RoaringBitmap> parts = new ArrayList<>();
        for (Map.Entry<String, RoaringBitmap> e : values.entrySet()) {
            if (m.matches(e.getKey()) == accepted) {
                parts.add(e.getValue());
            }
        }
        return RoaringBitmap.or(parts.iterator());
    }

    /** Names of labels carried by at least one of {@code ids}, unsorted. */
    List<String> labelNames(RoaringBitmap ids) {
        lock.readLock().lock();
        try {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, Map<String, RoaringBitmap>> e : byName.entrySet()) {
                for (RoaringBitmap p : e.getValue().values()) {
                    if (RoaringBitmap.intersects(p, ids)) {
                        out.add(e.getKey());
                        break;
                    }
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Values of label {@code name} carried by at least one of {@code ids} (null: any series), unsorted. */
    List<String> labelValues(String name, RoaringBitmap ids) {
        lock.readLock().lock();
        try {
            Map<String, RoaringBitmap> values = byName.get(name);
            List<String> out = new ArrayList<>();
            if (values != null) {
                for (Map.Entry<String, RoaringBitmap> e : values.entrySet()) {
                    if (ids == null || RoaringBitmap.intersects(e.getValue(), ids)) {
                        out.add(e.getKey());
                    }
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The top {@code limit} of each list on Prometheus' TSDB status page: series per metric name,
     * values per label name, bytes of label values (UTF-8 length times series) per label name,
     * series per label pair.
     */
    List<List<StorageStatus.Count>> stats(int limit) {
        TopList metrics = new TopList();
        TopList valuesPerName = new TopList();
        TopList bytesPerName = new TopList();
        TopList pairs = new TopList();
        lock.readLock().lock();
        try {
            for (Map.Entry<String, Map<String, RoaringBitmap>> e : byName.entrySet()) {
                String name = e.getKey();
                valuesPerName.add(name, e.getValue().size());
                long bytes = 0;
                for (Map.Entry<String, RoaringBitmap> v : e.getValue().entrySet()) {
                    long series = v.getValue().getLongCardinality();
                    if (name.equals(Labels.METRIC_NAME)) {
                        metrics.add(v.getKey(), series);
                    }
                    pairs.add(name + "=" + v.getKey(), series);
                    bytes += (long) v.getKey().getBytes(StandardCharsets.UTF_8).length * series;
                }
                bytesPerName.add(name, bytes);
            }
        } finally {
            lock.readLock().unlock();
        }
        return List.of(metrics.top(limit), valuesPerName.top(limit), bytesPerName.top(limit), pairs.top(limit));
    }

    /** Counts to rank: largest first, ties by name. */
    private static final class TopList {
        private final List<StorageStatus.Count> all = new ArrayList<>();

        void add(String name, long value) {
            all.add(new StorageStatus.Count(name, value));
        }

        List<StorageStatus.Count> top(int limit) {
            all.sort(Comparator.comparingLong(StorageStatus.Count::value).reversed()
                    .thenComparing(StorageStatus.Count::name));
            return List.copyOf(all.subList(0, Math.min(limit, all.size())));
        }
    }
}
