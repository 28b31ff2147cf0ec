package io.pharos.template.internal;

import io.pharos.spi.util.GoStrings;
import io.pharos.template.TemplateException;
import io.pharos.template.TemplateFunction;
import io.pharos.template.internal.Node.Arg;
import io.pharos.template.internal.Node.Command;
import io.pharos.template.internal.Node.Pipe;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Walks a parse tree once, writing to a buffer; one instance per execution. */
final class Exec {
    /** Nested {@code template} calls allowed; Go allows more, but Java's stack is the limit here. */
    static final int MAX_DEPTH = 1000;
    /** Methods by "name/arity", per class; ClassValue does not keep a refreshed bundle's classes alive. */
    private static final ClassValue<Map<String, Method>> METHODS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private static final class Break extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Break() {
            super(null, null, false, false);
        }
    }

    private static final class Continue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Continue() {
            super(null, null, false, false);
        }
    }

    private static final Break BREAK = new Break();
    private static final Continue CONTINUE = new Continue();

    private final TemplateSet set;
    private final StringBuilder out;
    private final List<String> varNames = new ArrayList<>();
    private final List<Object> varValues = new ArrayList<>();
    private String executing;
    private int depth;
    /** Source and offset of the node being evaluated, for Go's {@code at <...>} error context. */
    private String atSrc = "";
    private int atPos;

    Exec(TemplateSet set, StringBuilder out) {
        this.set = set;
        this.out = out;
    }

    void run(String templateName, List<Node> body, Object data) throws TemplateException {
        executing = templateName;
        varNames.add("$");
        varValues.add(data);
        walk(body, data);
    }

    private void walk(List<Node> list, Object dot) throws TemplateException {
        for (Node n : list) {
            walk(n, dot);
        }
    }

    private void walk(Node node, Object dot) throws TemplateException {
        if (node instanceof Node.Text t) {
            out.append(t.text());
        } else if (node instanceof Node.Action a) {
            Object v = pipeline(dot, a.pipe());
            if (a.pipe().vars().isEmpty()) {
                out.append(Values.print(v));
            }
        } else if (node instanceof Node.Branch b) {
            if (b.kind() == Node.BranchKind.RANGE) {
                range(b, dot);
            } else {
                branch(b, dot);
            }
        } else if (node instanceof Node.Call c) {
            call(c, dot);
        } else if (node instanceof Node.Break) {
            throw BREAK;
        } else {
            throw CONTINUE;
        }
    }

    private void branch(Node.Branch b, Object dot) throws TemplateException {
        int mark = varNames.size();
        try {
            Object v = pipeline(dot, b.pipe());
            if (Values.truth(v)) {
                walk(b.list(), b.kind() == Node.BranchKind.WITH ? v : dot);
            } else {
                walk(b.elseList(), dot);
            }
        } finally {
            pop(mark);
        }
    }

    private void range(Node.Branch b, Object dot) throws TemplateException {
        int mark = varNames.size();
        try {
            Object v = pipeline(dot, b.pipe());
            pop(mark); // the range variables are set per element instead
            List<String> vars = b.pipe().vars();
            boolean any = false;
            if (v instanceof Map<?, ?> m) {
                for (Map.Entry<Object, Object> e : Values.sorted(m).entrySet()) {
                    any = true;
                    if (!iteration(b, vars, e.getKey(), e.getValue(), mark)) {
                        break;
                    }
                }
            } else if (v instanceof Collection<?> || v != null && v.getClass().isArray()) {
                List<Object> items = Values.asList(v);
                for (int i = 0; i < items.size(); i++) {
                    any = true;
                    if (!iteration(b, vars, (long) i, items.get(i), mark)) {
                        break;
                    }
                }
            } else if (v instanceof Long || v instanceof Integer) {
                long n = ((Number) v).longValue();
                for (long i = 0; i < n; i++) {
                    any = true;
                    if (!iteration(b, vars, i, i, mark)) {
                        break;
                    }
                }
            } else if (v != null) {
                at(b.pipe().src(), b.pipe().pos());
                throw fail("range can't iterate over " + Values.formatV(v));
            }
            if (!any) {
                walk(b.elseList(), dot);
            }
        } finally {
            pop(mark);
        }
    }

    /** One pass of a range body; false after {@code break}. */
    private boolean iteration(Node.Branch b, List<String> vars, Object key, Object elem, int mark)
            throws TemplateException {
        if (vars.size() == 1) {
            setOrPush(vars.get(0), elem, b.pipe().assign());
        } else if (vars.size() == 2) {
            setOrPush(vars.get(0), key, b.pipe().assign());
            setOrPush(vars.get(1), elem, b.pipe().assign());
        }
        try {
            walk(b.list(), elem);
        } catch (Break e) {
            return false;
        } catch (Continue e) {
            // next element
        } finally {
            pop(mark);
        }
        return true;
    }

    private void call(Node.Call c, Object dot) throws TemplateException {
        List<Node> body = set.tree(c.name());
        if (body == null) {
            at("{{template " + GoStrings.quote(c.name()) + (c.pipe() == null ? "" : " " + c.pipe().src()) + "}}", c.pos());
            throw fail("template " + GoStrings.quote(c.name()) + " not defined");
        }
        Object data = c.pipe() == null ? null : pipeline(dot, c.pipe());
        if (++depth > MAX_DEPTH) {
            throw fail("exceeded maximum template depth (" + MAX_DEPTH + ")");
        }
        String savedName = executing;
        List<String> savedNames = new ArrayList<>(varNames);
        List<Object> savedValues = new ArrayList<>(varValues);
        varNames.clear();
        varValues.clear();
        varNames.add("$");
        varValues.add(data);
        executing = c.name();
        try {
            walk(body, data);
        } finally {
            executing = savedName;
            varNames.clear();
            varNames.addAll(savedNames);
            varValues.clear();
            varValues.addAll(savedValues);
            depth--;
        }
    }

    private Object pipeline(Object dot, Pipe pipe) throws TemplateException {
        Object value = null;
        boolean first = true;
        for (Command cmd : pipe.commands()) {
            value = command(dot, cmd, first ? Missing.NONE : value, !first);
            first = false;
        }
        if (pipe.assign()) {
            for (String v : pipe.vars()) {
                setVar(v, value);
            }
        } else {
            for (String v : pipe.vars()) {
                push(v, value);
            }
        }
        return value;
    }

    /** Marks "no value piped in" apart from a piped-in nil. */
    private enum Missing { NONE }

    private Object command(Object dot, Command cmd, Object fin, boolean hasFinal) throws TemplateException {
        Arg first = cmd.args().get(0);
        List<Arg> rest = cmd.args().subList(1, cmd.args().size());
        if (first instanceof Node.FieldArg f) {
            return fieldChain(dot, dot, f, f.fields(), rest, fin, hasFinal);
        } else if (first instanceof Node.VarArg v) {
            return v.fields().isEmpty() ? notAFunction(cmd, rest, hasFinal, var(v))
                    : fieldChain(dot, var(v), v, v.fields(), rest, fin, hasFinal);
        } else if (first instanceof Node.SubPipe p) {
            at(p.src(), p.pos());
            Object inner = pipeline(dot, p.pipe());
            return p.fields().isEmpty() ? notAFunction(cmd, rest, hasFinal, inner)
                    : fieldChain(dot, inner, p, p.fields(), rest, fin, hasFinal);
        } else if (first instanceof Node.FuncArg fn) {
            return function(dot, fn, cmd, rest, fin, hasFinal);
        } else if (first instanceof Node.NilArg) {
            at(cmd.src(), cmd.pos());
            throw fail("nil is not a command");
        }
        return notAFunction(cmd, rest, hasFinal, arg(dot, first));
    }

    private Object notAFunction(Command cmd, List<Arg> rest, boolean hasFinal, Object value) throws TemplateException {
        if (!rest.isEmpty() || hasFinal) {
            at(cmd.src(), cmd.pos());
            throw fail("can't give argument to non-function " + cmd.args().get(0).src());
        }
        return value;
    }

    private Object var(Node.VarArg v) throws TemplateException {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(v.name())) {
                return varValues.get(i);
            }
        }
        at(v.src(), v.pos());
        throw fail("undefined variable: " + v.name());
    }

    /** Evaluates {@code .A.B.C} on {@code receiver}; the last may be a method taking the command's arguments. */
    private Object fieldChain(Object dot, Object receiver, Arg node, List<String> fields, List<Arg> args,
            Object fin, boolean hasFinal) throws TemplateException {
        at(node.src(), node.pos());
        Object v = receiver;
        for (int i = 0; i < fields.size(); i++) {
            boolean last = i == fields.size() - 1;
            v = field(dot, v, fields.get(i), last ? args : List.of(), last ? fin : Missing.NONE, last && hasFinal, node);
        }
        return v;
    }

    private Object field(Object dot, Object receiver, String name, List<Arg> args, Object fin, boolean hasFinal,
            Arg node) throws TemplateException {
        boolean hasArgs = !args.isEmpty() || hasFinal;
        if (receiver == null) {
            return null; // Go: a missing value has no fields; the result is missing too
        }
        if (receiver instanceof Map<?, ?> m) {
            if (hasArgs) {
                throw fail(name + " is not a method but has arguments");
            }
            return m.get(name);
        }
        List<Object> argv = args(dot, args, fin, hasFinal);
        Method method = method(receiver.getClass(), name, argv.size());
        if (method == null) {
            throw fail("can't evaluate field " + name + " in type " + Values.typeName(receiver));
        }
        at(node.src(), node.pos());
        try {
            return method.invoke(receiver, argv.toArray());
        } catch (InvocationTargetException e) {
            throw fail("error calling " + name + ": " + e.getCause().getMessage());
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw fail("error calling " + name + ": " + e.getMessage());
        }
    }

    /** A public method named as the field ({@code Labels}) or as a record accessor ({@code labels}). */
    private static Method method(Class<?> type, String name, int arity) {
        Map<String, Method> methods = METHODS.get(type);
        String key = name + '/' + arity;
        Method cached = methods.get(key);
        if (cached != null) {
            return cached;
        }
        String lower = Character.toLowerCase(name.charAt(0)) + name.substring(1);
        for (String candidate : List.of(name, lower)) {
            for (Method m : type.getMethods()) {
                if (m.getName().equals(candidate) && m.getParameterCount() == arity
                        && !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class) {
                    m.setAccessible(true); // our own package-private value types (GoTime)
                    methods.put(key, m);
                    return m;
                }
            }
        }
        return null;
    }

    private Object function(Object dot, Node.FuncArg fn, Command cmd, List<Arg> rest, Object fin, boolean hasFinal)
            throws TemplateException {
        at(cmd.src(), cmd.pos());
        String name = fn.name();
        if (name.equals("and") || name.equals("or")) {
            return andOr(dot, name.equals("and"), cmd, rest, fin, hasFinal);
        }
        List<Object> argv = args(dot, rest, fin, hasFinal);
        at(cmd.src(), cmd.pos());
        TemplateFunction f;
        String label = name;
        if (name.equals("call")) {
            if (argv.isEmpty()) {
                throw fail("wrong number of args for call: want at least 1 got 0");
            }
            Object target = argv.get(0);
            if (!(target instanceof TemplateFunction tf)) {
                throw fail(target == null ? "call of nil" : "non-function " + rest.get(0).src() + " of type "
                        + Values.typeName(target));
            }
            f = tf;
            argv = argv.subList(1, argv.size());
            label = rest.get(0).src();
        } else {
            f = set.function(name);
        }
        try {
            return f instanceof ContextFunction cf ? cf.apply(set, argv) : f.apply(argv);
        } catch (CallError e) {
            throw fail(e.getMessage());
        } catch (TemplateException e) {
            throw fail("error calling " + label + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw fail("error calling " + label + ": " + e);
        }
    }

    /** Go's short-circuit {@code and}/{@code or}: the first falsy (truthy) argument, else the last. */
    private Object andOr(Object dot, boolean and, Command cmd, List<Arg> rest, Object fin, boolean hasFinal)
            throws TemplateException {
        int n = rest.size() + (hasFinal ? 1 : 0);
        if (n < 1) {
            throw fail("wrong number of args for " + (and ? "and" : "or") + ": want at least 1 got 0");
        }
        Object v = null;
        for (int i = 0; i < n; i++) {
            v = i < rest.size() ? arg(dot, rest.get(i)) : fin;
            if (Values.truth(v) != and) {
                return v;
            }
        }
        return v;
    }

    private List<Object> args(Object dot, List<Arg> args, Object fin, boolean hasFinal) throws TemplateException {
        List<Object> argv = new ArrayList<>(args.size() + 1);
        for (Arg a : args) {
            argv.add(arg(dot, a));
        }
        if (hasFinal) {
            argv.add(fin);
        }
        return argv;
    }

    private Object arg(Object dot, Arg a) throws TemplateException {
        if (a instanceof Node.Literal l) {
            return l.value();
        } else if (a instanceof Node.NilArg) {
            return null;
        } else if (a instanceof Node.DotArg) {
            return dot;
        } else if (a instanceof Node.FieldArg f) {
            return fieldChain(dot, dot, f, f.fields(), List.of(), Missing.NONE, false);
        } else if (a instanceof Node.VarArg v) {
            return v.fields().isEmpty() ? var(v)
                    : fieldChain(dot, var(v), v, v.fields(), List.of(), Missing.NONE, false);
        } else if (a instanceof Node.SubPipe p) {
            at(p.src(), p.pos());
            Object inner = pipeline(dot, p.pipe());
            return p.fields().isEmpty() ? inner : fieldChain(dot, inner, p, p.fields(), List.of(), Missing.NONE, false);
        }
        Node.FuncArg f = (Node.FuncArg) a;
        return function(dot, f, new Command(f.pos(), f.src(), List.of(f)), List.of(), Missing.NONE, false);
    }

    private void push(String name, Object value) {
        varNames.add(name);
        varValues.add(value);
    }

    private void setOrPush(String name, Object value, boolean assign) throws TemplateException {
        if (assign) {
            setVar(name, value);
        } else {
            push(name, value);
        }
    }

    private void setVar(String name, Object value) throws TemplateException {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(name)) {
                varValues.set(i, value);
                return;
            }
        }
        throw fail("undefined variable: " + name);
    }

    private void pop(int mark) {
        varNames.subList(mark, varNames.size()).clear();
        varValues.subList(mark, varValues.size()).clear();
    }

    private void at(String src, int pos) {
        atSrc = src;
        atPos = pos;
    }

    private TemplateException fail(String msg) {
        return new TemplateException(set.location(atPos) + "executing " + GoStrings.quote(executing)
                + " at <" + atSrc + ">: " + msg);
    }
}
