package io.pharos.template;

import io.pharos.template.internal.TemplateSet;
import java.util.Map;
import java.util.Set;

/**
 * A parsed Go {@code text/template}: the template itself (named {@code name}) and every template
 * it {@code define}s. Immutable and thread-safe; parse once, execute many times.
 *
 * <p>Data is seen the way Go's templates see a {@code map[string]interface{}}: {@code .key} looks
 * up a {@link Map} key (a missing key prints {@code <no value>}, as Go does); on other objects
 * {@code .Name} calls a public method {@code Name} or record accessor {@code name}. Integers are
 * {@link Long}, floats {@link Double}; ranging over a map visits its keys in sorted order.
 */
public final class GoTemplate {
    private final TemplateSet set;

    private GoTemplate(TemplateSet set) {
        this.set = set;
    }

    /**
     * Parses {@code text}.
     *
     * @param funcs functions callable by name besides Go's builtins (they override builtins)
     * @throws TemplateException worded as Go's, e.g. {@code template: name:2: unexpected EOF}
     */
    public static GoTemplate parse(String name, String text, Map<String, TemplateFunction> funcs)
            throws TemplateException {
        return new GoTemplate(TemplateSet.parse(name, text, funcs));
    }

    /** Runs the template named at parse time with {@code data} as dot. */
    public String execute(Object data) throws TemplateException {
        return set.execute(set.name(), data);
    }

    /** Runs a {@code define}d template. */
    public String execute(String templateName, Object data) throws TemplateException {
        return set.execute(templateName, data);
    }

    /** The name given to {@link #parse} and every defined template. */
    public Set<String> templateNames() {
        return set.templateNames();
    }
}
