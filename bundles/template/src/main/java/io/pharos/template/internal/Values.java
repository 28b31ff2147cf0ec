package io.pharos.template.internal;

import io.pharos.exposition.GoFloat;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How Go's templates and fmt see Java values: truth, kinds, {@code %v} and type names. */
final class Values {
    /** Go's basic kinds, as the comparison functions group them. */
    enum Kind { INVALID, BOOL, INT, FLOAT, STRING, OTHER }

    private Values() {
    }

    static Kind kind(Object v) {
        if (v == null) {
            return Kind.INVALID;
        } else if (v instanceof Boolean) {
            return Kind.BOOL;
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof GoDuration) {
            return Kind.INT;
        } else if (v instanceof Double || v instanceof Float) {
            return Kind.FLOAT;
        } else if (v instanceof String) {
            return Kind.STRING;
        }
        return Kind.OTHER;
    }

    static long toLong(Object v) {
        return v instanceof GoDuration d ? d.nanos() : ((Number) v).longValue();
    }

    /** Go's template truth: false, 0, nil, and empty strings, maps and lists are false. */
    static boolean truth(Object v) {
        if (v == null) {
            return false;
        } else if (v instanceof Boolean b) {
            return b;
        } else if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue() != 0;
        } else if (v instanceof Number || v instanceof GoDuration) {
            return toLong(v) != 0;
        } else if (v instanceof CharSequence s) {
            return s.length() > 0;
        } else if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        } else if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        } else if (v.getClass().isArray()) {
            return Array.getLength(v) > 0;
        }
        return true;
    }

    /** A value as an action prints it: a missing value or nil as {@code <no value>}. */
    static String print(Object v) {
        return v == null ? "<no value>" : formatV(v);
    }

    /** Go's {@code %v}. */
    static String formatV(Object v) {
        StringBuilder sb = new StringBuilder();
        appendV(sb, v);
        return sb.toString();
    }

    static void appendV(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("<nil>");
        } else if (v instanceof String s) {
            sb.append(s);
        } else if (v instanceof Double d) {
            GoFloat.append(sb, d);
        } else if (v instanceof Float f) {
            GoFloat.append(sb, Double.parseDouble(f.toString()));
        } else if (v instanceof Map<?, ?> m) {
            sb.append("map[");
            boolean first = true;
            for (Map.Entry<?, ?> e : sorted(m).entrySet()) {
                sb.append(first ? "" : " ");
                first = false;
                appendV(sb, e.getKey());
                sb.append(':');
                appendV(sb, e.getValue());
            }
            sb.append(']');
        } else if (v instanceof Collection<?> || v.getClass().isArray() && !(v instanceof byte[])) {
            sb.append('[');
            List<Object> items = asList(v);
            for (int i = 0; i < items.size(); i++) {
                sb.append(i > 0 ? " " : "");
                appendV(sb, items.get(i));
            }
            sb.append(']');
        } else if (v instanceof Record r && !(v instanceof GoStringer)) {
            appendRecord(sb, r);
        } else {
            sb.append(v);
        }
    }

    /** A record as Go prints a struct: {@code {field1 field2}}. */
    private static void appendRecord(StringBuilder sb, Record r) {
        sb.append('{');
        RecordComponent[] components = r.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            sb.append(i > 0 ? " " : "");
            try {
                appendV(sb, components[i].getAccessor().invoke(r));
            } catch (IllegalAccessException | InvocationTargetException e) {
                sb.append('?');
            }
        }
        sb.append('}');
    }

    /** Go prints and ranges over maps in key order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Map<Object, Object> sorted(Map<?, ?> m) {
        if (m instanceof TreeMap<?, ?> t && t.comparator() == null) {
            return (Map<Object, Object>) t;
        }
        TreeMap<Object, Object> t = new TreeMap<>((a, b) -> ((Comparable) a).compareTo(b));
        t.putAll(m);
        return t;
    }

    static List<Object> asList(Object v) {
        if (v instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) l;
            return list;
        } else if (v instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        int n = Array.getLength(v);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Array.get(v, i));
        }
        return out;
    }

    /** The Go type name fmt shows in {@code %!verb(type=value)} and errors. */
    static String typeName(Object v) {
        if (v == null) {
            return "<nil>";
        }
        return switch (kind(v)) {
            case BOOL -> "bool";
            case INT -> v instanceof GoDuration ? "time.Duration" : "int";
            case FLOAT -> v instanceof Float ? "float32" : "float64";
            case STRING -> "string";
            default -> v instanceof Map<?, ?> ? "map[string]interface {}"
                    : v instanceof Collection<?> || v.getClass().isArray() ? "[]interface {}"
                    : v instanceof GoTime ? "time.Time"
                    : v.getClass().getSimpleName();
        };
    }
}
