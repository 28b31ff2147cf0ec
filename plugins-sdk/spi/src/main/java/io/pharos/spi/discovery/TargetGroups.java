package io.pharos.spi.discovery;

import io.pharos.spi.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads target groups in Prometheus' file and HTTP SD format, a list of
 * {@code {targets: [<host:port>...], labels: {<name>: <value>...}}}, from a parsed JSON or YAML
 * tree (lists, maps, strings, numbers, booleans), so every provider accepts the same documents.
 */
public final class TargetGroups {
    private static final String ADDRESS = "__address__";

    private TargetGroups() {
    }

    /**
     * The groups of one document. Group {@code i} gets source {@code sourcePrefix + ":" + i} and the
     * label {@code metaName=metaValue} (e.g. {@code __meta_filepath}).
     *
     * @param strict reject keys other than {@code targets} and {@code labels} (Prometheus does for
     *               YAML, not for JSON)
     * @throws IllegalArgumentException naming the group index and what is wrong
     */
    public static List<TargetGroup> fromTree(Object tree, String sourcePrefix, String metaName, String metaValue,
            boolean strict) {
        if (tree == null) {
            return List.of();
        }
        if (!(tree instanceof List<?> list)) {
            throw new IllegalArgumentException("expected a list of target groups, got " + kind(tree));
        }
        List<TargetGroup> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item == null) {
                throw new IllegalArgumentException("nil target group item found (index " + i + ")");
            }
            if (!(item instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("target group " + i + ": expected a mapping, got " + kind(item));
            }
            out.add(group(map, i, sourcePrefix + ":" + i, metaName, metaValue, strict));
        }
        return out;
    }

    private static TargetGroup group(Map<?, ?> map, int index, String source, String metaName, String metaValue,
            boolean strict) {
        String where = "target group " + index;
        Labels.Builder common = Labels.builder();
        List<Labels> targets = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            switch (key) {
                case "targets" -> {
                    if (value == null) {
                        continue;
                    }
                    if (!(value instanceof List<?> addresses)) {
                        throw new IllegalArgumentException(where + ": targets must be a list of strings");
                    }
                    for (Object address : addresses) {
                        if (!(address instanceof String s)) {
                            throw new IllegalArgumentException(where + ": target " + address + " is not a string");
                        }
                        targets.add(Labels.of(ADDRESS, s));
                    }
                }
                case "labels" -> {
                    if (value == null) {
                        continue;
                    }
                    if (!(value instanceof Map<?, ?> labels)) {
                        throw new IllegalArgumentException(where + ": labels must be a mapping of names to values");
                    }
                    for (Map.Entry<?, ?> l : labels.entrySet()) {
                        String name = String.valueOf(l.getKey());
                        if (!Labels.isValidName(name)) {
                            throw new IllegalArgumentException(where + ": \"" + name + "\" is not a valid label name");
                        }
                        if (l.getValue() instanceof Map || l.getValue() instanceof List) {
                            throw new IllegalArgumentException(where + ": label " + name + " must have a string value");
                        }
                        common.set(name, l.getValue() == null ? "" : String.valueOf(l.getValue()));
                    }
                }
                default -> {
                    if (strict) {
                        throw new IllegalArgumentException(where + ": field " + key + " not found in type targetgroup");
                    }
                }
            }
        }
        common.set(metaName, metaValue);
        return new TargetGroup(source, targets, common.build());
    }

    /** Empty groups that remove sources {@code prefix:from} up to {@code prefix:(to - 1)}. */
    public static List<TargetGroup> removed(String sourcePrefix, int from, int to) {
        List<TargetGroup> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new TargetGroup(sourcePrefix + ":" + i, List.of(), Labels.EMPTY));
        }
        return out;
    }

    private static String kind(Object o) {
        return o instanceof Map ? "a mapping" : o instanceof List ? "a list" : "\"" + o + "\"";
    }
}
