package io.pharos.spi.model;

import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An immutable set of labels sorted by name, as Prometheus keeps them. The metric name is the
 * label {@code __name__}. Names and values are kept in one flat array (name, value, name, value, ...)
 * so that a label set costs two objects whatever its size.
 */
public final class Labels implements Comparable<Labels> {
    /** The label that holds the metric name. */
    public static final String METRIC_NAME = "__name__";
    public static final Labels EMPTY = new Labels(new String[0]);

    private final String[] pairs;
    private int hash;

    private Labels(String[] sortedPairs) {
        this.pairs = sortedPairs;
    }

    /**
     * Labels from alternating names and values, in any order. A later duplicate name wins; a
     * pair with an empty value is dropped, since Prometheus treats an empty label as absent.
     */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels need name/value pairs, got an odd count");
        }
        Builder b = new Builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.set(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    public static Labels of(Map<String, String> map) {
        Builder b = new Builder();
        map.forEach(b::set);
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these labels. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public int size() {
        return pairs.length / 2;
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    public String name(int i) {
        return pairs[2 * i];
    }

    public String value(int i) {
        return pairs[2 * i + 1];
    }

    /** The value of {@code name}, or {@code null} when the label is absent. */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : pairs[2 * i + 1];
    }

    /** The value of {@code name}, or the empty string when absent (the PromQL matching rule). */
    public String getOrEmpty(String name) {
        String v = get(name);
        return v == null ? "" : v;
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The metric name, or {@code null}. */
    public String metricName() {
        return get(METRIC_NAME);
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < pairs.length; i += 2) {
            action.accept(pairs[i], pairs[i + 1]);
        }
    }

    /** These labels without {@code __name__}. */
    public Labels withoutMetricName() {
        return has(METRIC_NAME) ? toBuilder().remove(METRIC_NAME).build() : this;
    }

    private int indexOf(String name) {
        int i = search(pairs, size(), name);
        return i < 0 ? -1 : i;
    }

    /**
     * Binary search for a label name among the first {@code size} pairs: its index, or
     * {@code -(insertion point + 1)}.
     */
    private static int search(String[] pairs, int size, String name) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = pairs[2 * mid].compareTo(name);
            if (c == 0) {
                return mid;
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -(lo + 1);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Labels other && hashCode() == other.hashCode()
                && Arrays.equals(pairs, other.pairs));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(pairs);
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    /** Orders label sets as Prometheus does: label by label, name first, then value. */
    @Override
    public int compareTo(Labels o) {
        int n = Math.min(pairs.length, o.pairs.length);
        for (int i = 0; i < n; i++) {
            int c = pairs[i].compareTo(o.pairs[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pairs.length, o.pairs.length);
    }

    /** The Prometheus text form: {@code name{a="b", c="d"}}, or {@code {a="b"}} without a name. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String name = metricName();
        if (name != null) {
            sb.append(name);
        }
        sb.append('{');
        boolean first = true;
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(METRIC_NAME)) {
                continue;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(pairs[i]).append("=\"");
            appendEscaped(sb, pairs[i + 1]);
            sb.append('"');
        }
        return sb.append('}').toString();
    }

    /**
     * Whether {@code name} is a valid label name under Prometheus 3.x' UTF-8 scheme: non-empty and
     * valid UTF-8, i.e. for a Java string without an unpaired surrogate.
     */
    public static boolean isValidName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Escapes a label value for the text format: backslash, double quote and newline. */
    public static void appendEscaped(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
    }

    /** A mutable, reusable builder. Not thread-safe. */
    public static final class Builder {
        private String[] pairs;
        private int size;

        public Builder() {
            pairs = new String[16];
        }

        private Builder(Labels from) {
            pairs = Arrays.copyOf(from.pairs, Math.max(16, from.pairs.length + 8));
            size = from.size();
        }

        /** Sets a label; an empty value removes it. */
        public Builder set(String name, String value) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("label name must not be empty");
            }
            if (value == null || value.isEmpty()) {
                return remove(name);
            }
            int i = find(name);
            if (i >= 0) {
                pairs[2 * i + 1] = value;
                return this;
            }
            int at = -i - 1;
            if (2 * size + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            System.arraycopy(pairs, 2 * at, pairs, 2 * at + 2, 2 * (size - at));
            pairs[2 * at] = name;
            pairs[2 * at + 1] = value;
            size++;
            return this;
        }

        public Builder remove(String name) {
            int i = find(name);
            if (i >= 0) {
                System.arraycopy(pairs, 2 * i + 2, pairs, 2 * i, 2 * (size - i - 1));
                size--;
                pairs[2 * size] = null;
                pairs[2 * size + 1] = null;
            }
            return this;
        }

        public String get(String name) {
            int i = find(name);
            return i >= 0 ? pairs[2 * i + 1] : null;
        }

        public Builder reset() {
            Arrays.fill(pairs, 0, 2 * size, null);
            size = 0;
            return this;
        }

        public int size() {
            return size;
        }

        public Labels build() {
            return size == 0 ? EMPTY : new Labels(Arrays.copyOf(pairs, 2 * size));
        }

        private int find(String name) {
            return search(pairs, size, name);
        }
    }
}
