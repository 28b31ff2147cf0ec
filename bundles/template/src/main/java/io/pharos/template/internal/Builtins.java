package io.pharos.template.internal;

import io.pharos.template.TemplateException;
import io.pharos.template.TemplateFunction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Go's predefined template functions; {@code and}, {@code or} and {@code call} live in {@link Exec}. */
final class Builtins {
    /** Functions the evaluator implements itself because they need unevaluated arguments or a function value. */
    static final Set<String> SPECIAL = Set.of("and", "or", "call");

    static final Map<String, TemplateFunction> FUNCTIONS = Map.ofEntries(
            Map.entry("not", a -> {
                CallError.arity("not", a, 1);
                return !Values.truth(a.get(0));
            }),
            Map.entry("len", Builtins::len),
            Map.entry("index", Builtins::index),
            Map.entry("slice", Builtins::slice),
            Map.entry("print", GoFmt::sprint),
            Map.entry("println", GoFmt::sprintln),
            Map.entry("printf", a -> {
                CallError.atLeast("printf", a, 1);
                if (!(a.get(0) instanceof String f)) {
                    throw new TemplateException("format is " + Values.typeName(a.get(0)) + ", not string");
                }
                return GoFmt.sprintf(f, a.subList(1, a.size()));
            }),
            Map.entry("html", a -> Escapers.html(joined(a))),
            Map.entry("js", a -> Escapers.js(joined(a))),
            Map.entry("urlquery", a -> Escapers.queryEscape(joined(a))),
            Map.entry("eq", Comparisons::eq),
            Map.entry("ne", a -> {
                CallError.arity("ne", a, 2);
                return !(Boolean) Comparisons.eq(a);
            }),
            Map.entry("lt", a -> Comparisons.lt("lt", a)),
            Map.entry("le", a -> Comparisons.le("le", a)),
            Map.entry("gt", a -> !Comparisons.le("gt", a)),
            Map.entry("ge", a -> !Comparisons.lt("ge", a)));

    private Builtins() {
    }

    /** The text html, js and urlquery escape: the single string argument, or the Sprint of all. */
    private static String joined(List<Object> args) {
        return args.size() == 1 && args.get(0) instanceof String s ? s : GoFmt.sprint(args);
    }

    private static Object len(List<Object> a) throws TemplateException {
        CallError.arity("len", a, 1);
        Object v = a.get(0);
        if (v == null) {
            throw new TemplateException("len of nil pointer");
        } else if (v instanceof String s) {
            return (long) s.getBytes(StandardCharsets.UTF_8).length; // Go counts bytes
        } else if (v instanceof Map<?, ?> m) {
            return (long) m.size();
        } else if (v instanceof java.util.Collection<?> || v.getClass().isArray()) {
            return (long) Values.asList(v).size();
        }
        throw new TemplateException("len of type " + Values.typeName(v));
    }

    private static Object index(List<Object> a) throws TemplateException {
        CallError.atLeast("index", a, 1);
        Object item = a.get(0);
        if (item == null) {
            throw new TemplateException("index of untyped nil");
        }
        for (Object idx : a.subList(1, a.size())) {
            if (item instanceof Map<?, ?> m) {
                if (!(idx instanceof String)) {
                    throw new TemplateException("value has type " + Values.typeName(idx) + "; should be string");
                }
                item = m.get(idx);
            } else if (item instanceof String || item instanceof java.util.Collection<?> || item.getClass().isArray()) {
                int n = item instanceof String s ? s.length() : Values.asList(item).size();
                int i = intIndex(idx, n, "index", item);
                if (i >= n) {
                    throw new TemplateException("index out of range: " + i);
                }
                item = item instanceof String s ? (long) s.charAt(i) : Values.asList(item).get(i);
            } else if (item == null) {
                throw new TemplateException("index of untyped nil");
            } else {
                throw new TemplateException("can't index item of type " + Values.typeName(item));
            }
        }
        return item;
    }

    private static int intIndex(Object idx, int cap, String what, Object item) throws TemplateException {
        if (Values.kind(idx) != Values.Kind.INT) {
            throw new TemplateException("cannot " + what + " slice/array with type " + Values.typeName(idx));
        }
        long i = Values.toLong(idx);
        if (i < 0 || i > cap) {
            throw new TemplateException("index out of range: " + i);
        }
        return (int) i;
    }

    private static Object slice(List<Object> a) throws TemplateException {
        CallError.atLeast("slice", a, 1);
        Object item = a.get(0);
        if (item == null) {
            throw new TemplateException("slice of untyped nil");
        }
        int n;
        if (item instanceof String s) {
            n = s.length();
            if (a.size() > 3) {
                throw new TemplateException("cannot 3-index slice a string");
            }
        } else if (item instanceof java.util.Collection<?> || item.getClass().isArray()) {
            n = Values.asList(item).size();
            if (a.size() > 4) {
                throw new TemplateException("too many slice indexes: " + (a.size() - 1));
            }
        } else {
            throw new TemplateException("can't slice item of type " + Values.typeName(item));
        }
        int[] idx = {0, n};
        for (int k = 1; k < a.size() && k <= 2; k++) {
            idx[k - 1] = intIndex(a.get(k), n, "slice", item);
        }
        if (idx[0] > idx[1]) {
            throw new TemplateException("invalid slice index: " + idx[0] + " > " + idx[1]);
        }
        return item instanceof String s ? s.substring(idx[0], idx[1])
                : List.copyOf(Values.asList(item).subList(idx[0], idx[1]));
    }
}
