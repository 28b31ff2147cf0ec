package io.pharos.template.internal;

import io.pharos.template.TemplateException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Go's template comparisons: only basic kinds compare, ints with ints and floats with floats (an
 * int against a float is "incompatible types for comparison", as in Go), {@code eq} takes
 * several right-hand sides and may compare nil.
 */
final class Comparisons {
    private Comparisons() {
    }

    static Object eq(List<Object> a) throws TemplateException {
        CallError.atLeast("eq", a, 1);
        if (a.size() == 1) {
            throw new TemplateException("missing argument for comparison");
        }
        Object first = a.get(0);
        Values.Kind k1 = Values.kind(first);
        for (Object other : a.subList(1, a.size())) {
            Values.Kind k2 = Values.kind(other);
            if (k1 != k2) {
                if (first != null && other != null) {
                    throw new TemplateException("incompatible types for comparison");
                }
                continue;
            }
            boolean same = switch (k1) {
                case INT -> Values.toLong(first) == Values.toLong(other);
                case FLOAT -> ((Number) first).doubleValue() == ((Number) other).doubleValue();
                case INVALID -> true;
                case OTHER -> {
                    if (first instanceof Map<?, ?> || first instanceof Collection<?>
                            || other instanceof Map<?, ?> || other instanceof Collection<?>) {
                        throw new TemplateException("non-comparable types " + Values.formatV(first) + ": "
                                + Values.typeName(first) + ", " + Values.typeName(other) + ": " + Values.formatV(other));
                    }
                    yield Objects.equals(first, other);
                }
                default -> first.equals(other);
            };
            if (same) {
                return true;
            }
        }
        return false;
    }

    static boolean lt(String name, List<Object> a) throws TemplateException {
        CallError.arity(name, a, 2);
        Object x = a.get(0);
        Object y = a.get(1);
        Values.Kind k1 = Values.kind(x);
        Values.Kind k2 = Values.kind(y);
        if (k1 == Values.Kind.INVALID || k1 == Values.Kind.OTHER || k2 == Values.Kind.INVALID || k2 == Values.Kind.OTHER) {
            throw new TemplateException("invalid type for comparison");
        }
        if (k1 != k2) {
            throw new TemplateException("incompatible types for comparison");
        }
        return switch (k1) {
            case INT -> Values.toLong(x) < Values.toLong(y);
            case FLOAT -> ((Number) x).doubleValue() < ((Number) y).doubleValue();
            case STRING -> ((String) x).compareTo((String) y) < 0;
            default -> throw new TemplateException("invalid type for comparison");
        };
    }

    static boolean le(String name, List<Object> a) throws TemplateException {
        return lt(name, a) || (Boolean) eq(a);
    }
}
