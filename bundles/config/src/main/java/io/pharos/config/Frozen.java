package io.pharos.config;

import io.pharos.spi.util.GoStrings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Immutable copies for record components; raw YAML trees may hold nulls, so List.copyOf won't do. */
final class Frozen {
    private Frozen() {
    }

    static <T> List<T> list(List<T> list, String what) {
        if (list == null) {
            return List.of();
        }
        for (T t : list) {
            if (t == null) {
                throw new IllegalArgumentException("empty or null element in " + what);
            }
        }
        return List.copyOf(list);
    }

    /** Label maps sorted by name, as Prometheus keeps label sets; a null value means "". */
    static Map<String, String> labels(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, String> copy = new TreeMap<>();
        map.forEach((k, v) -> {
            if (k == null || k.isEmpty()) {
                throw new IllegalArgumentException(GoStrings.quote(k == null ? "" : k) + " is not a valid label name");
            }
            copy.put(k, v == null ? "" : v);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** A deep, order-keeping, null-tolerant copy of a raw YAML mapping. */
    static Map<String, Object> raw(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, rawValue(v)));
        return Collections.unmodifiableMap(copy);
    }

    static List<Map<String, Object>> rawList(List<? extends Map<String, ?>> list, String what) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> copy = new ArrayList<>(list.size());
        for (Map<String, ?> m : list) {
            if (m == null) {
                throw new IllegalArgumentException("empty or null section in " + what);
            }
            copy.add(raw(m));
        }
        return Collections.unmodifiableList(copy);
    }

    static Object rawValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(String.valueOf(k), rawValue(x)));
            return Collections.unmodifiableMap(copy);
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object x : l) {
                copy.add(rawValue(x));
            }
            return Collections.unmodifiableList(copy);
        }
        return v;
    }
}
