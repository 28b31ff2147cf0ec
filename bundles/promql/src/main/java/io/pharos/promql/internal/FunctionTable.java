package io.pharos.promql.internal;

import io.pharos.spi.promql.PromQLFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered functions by name. When several services offer the same name, the one with the
 * highest service ranking wins (then the lowest service id, i.e. the oldest), as OSGi ranks services.
 * Thread-safe; lookups take no lock.
 */
final class FunctionTable {
    private record Entry(PromQLFunction function, int ranking, long id) {
        boolean beats(Entry o) {
            return ranking != o.ranking ? ranking > o.ranking : id < o.id;
        }
    }

    private final Map<String, List<Entry>> candidates = new ConcurrentHashMap<>();
    private final Map<String, PromQLFunction> winners = new ConcurrentHashMap<>();

    synchronized void add(PromQLFunction f, int ranking, long id) {
        candidates.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(new Entry(f, ranking, id));
        elect(f.name());
    }

    synchronized void remove(PromQLFunction f) {
        String name = f.name();
        List<Entry> list = candidates.get(name);
        if (list == null) {
            return;
        }
        list.removeIf(e -> e.function() == f);
        if (list.isEmpty()) {
            candidates.remove(name);
        }
        elect(name);
    }

    private void elect(String name) {
        List<Entry> list = candidates.get(name);
        if (list == null || list.isEmpty()) {
            winners.remove(name);
            return;
        }
        Entry best = list.get(0);
        for (Entry e : list) {
            if (e.beats(best)) {
                best = e;
            }
        }
        winners.put(name, best.function());
    }

    /** The function serving {@code name}, or null. */
    PromQLFunction get(String name) {
        return winners.get(name);
    }

    /** The names of all registered functions. */
    java.util.Set<String> names() {
        return java.util.Set.copyOf(winners.keySet());
    }
}
