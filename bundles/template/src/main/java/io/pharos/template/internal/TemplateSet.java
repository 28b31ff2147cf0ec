package io.pharos.template.internal;

import io.pharos.spi.util.GoStrings;
import io.pharos.template.TemplateException;
import io.pharos.template.TemplateFunction;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed template with its {@code define}d templates and functions; immutable. */
public final class TemplateSet {
    private final String name;
    private final String src;
    private final Map<String, List<Node>> trees;
    private final Map<String, TemplateFunction> funcs;

    private TemplateSet(String name, String src, Map<String, List<Node>> trees, Map<String, TemplateFunction> funcs) {
        this.name = name;
        this.src = src;
        this.trees = trees;
        this.funcs = funcs;
    }

    public static TemplateSet parse(String name, String text, Map<String, TemplateFunction> funcs)
            throws TemplateException {
        Map<String, TemplateFunction> all = new HashMap<>(Builtins.FUNCTIONS);
        all.putAll(funcs); // user functions override builtins, as in Go
        Set<String> names = new HashSet<>(all.keySet());
        names.addAll(Builtins.SPECIAL);
        Map<String, List<Node>> trees = Parser.parse(name, text, names);
        return new TemplateSet(name, text, Collections.unmodifiableMap(trees), Map.copyOf(all));
    }

    public String name() {
        return name;
    }

    public Set<String> templateNames() {
        return trees.keySet();
    }

    /** Runs the named template with {@code data} as dot and {@code $}. */
    public String execute(String templateName, Object data) throws TemplateException {
        List<Node> body = trees.get(templateName);
        if (body == null) {
            throw new TemplateException("template: no template " + GoStrings.quote(templateName)
                    + " associated with template " + GoStrings.quote(name));
        }
        StringBuilder out = new StringBuilder(256);
        new Exec(this, out).run(templateName, body, data);
        return out.toString();
    }

    List<Node> tree(String templateName) {
        return trees.get(templateName);
    }

    TemplateFunction function(String fn) {
        return funcs.get(fn);
    }

    /** {@code template: name:line:col: } for an offset, as Go's ErrorContext. */
    String location(int pos) {
        int line = Lexer.line(src, pos);
        int lineStart = src.lastIndexOf('\n', Math.max(0, pos - 1)) + 1;
        if (pos == 0) {
            lineStart = 0;
        }
        return "template: " + name + ":" + line + ":" + (pos - lineStart) + ": ";
    }
}
