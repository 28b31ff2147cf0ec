package io.pharos.rules.internal;

import io.pharos.exposition.GoFloat;
import java.util.Map;

/**
 * The expander used while no full template engine is installed: it understands only
 * {@code {{ $labels.NAME }}}, {@code {{ $value }}} and {@code {{ $externalLabels.NAME }}} (with
 * Go's {@code {{-}} / {@code -}}} trim markers) and refuses anything else with an error naming the
 * action, rather than leaving a half-expanded text that looks right.
 */
public final class BasicTemplateExpander implements TemplateExpander {
    private final Map<String, String> externalLabels;

    public BasicTemplateExpander(Map<String, String> externalLabels) {
        this.externalLabels = Map.copyOf(externalLabels);
    }

    @Override
    public String expand(String name, String text, Map<String, String> labels, double value, long timestampMillis)
            throws Exception {
        int open = text.indexOf("{{");
        if (open < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int pos = 0;
        while (open >= 0) {
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new Exception("template: " + name + ": unclosed action");
            }
            String action = text.substring(open + 2, close);
            boolean trimLeft = action.startsWith("-");
            boolean trimRight = action.endsWith("-");
            String before = text.substring(pos, open);
            out.append(trimLeft ? before.stripTrailing() : before);
            out.append(evaluate(name, action.substring(trimLeft ? 1 : 0, action.length() - (trimRight ? 1 : 0)).strip(),
                    labels, value));
            pos = close + 2;
            if (trimRight) {
                while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                    pos++;
                }
            }
            open = text.indexOf("{{", pos);
        }
        return out.append(text, pos, text.length()).toString();
    }

    private String evaluate(String name, String action, Map<String, String> labels, double value) throws Exception {
        if (action.equals("$value") || action.equals(".Value")) {
            return GoFloat.format(value); // Go prints a float64 with %v, i.e. 'g' and shortest digits
        }
        String v = lookup(action, "$labels.", labels);
        if (v == null) {
            v = lookup(action, ".Labels.", labels);
        }
        if (v == null) {
            v = lookup(action, "$externalLabels.", externalLabels);
        }
        if (v == null) {
            v = lookup(action, ".ExternalLabels.", externalLabels);
        }
        if (v == null) {
            throw new Exception("template: " + name + ": {{" + action + "}} is not supported by the built-in "
                    + "expander (only $labels.NAME, $value and $externalLabels.NAME); install the template engine");
        }
        return v;
    }

    /** The label named after {@code prefix}, "<no value>" (Go's text for a missing key) if absent. */
    private static String lookup(String action, String prefix, Map<String, String> map) {
        if (!action.startsWith(prefix)) {
            return null;
        }
        String key = action.substring(prefix.length());
        if (key.isEmpty() || !key.chars().allMatch(c -> c == '_' || Character.isLetterOrDigit(c))) {
            return null;
        }
        String v = map.get(key);
        return v == null ? "<no value>" : v;
    }
}
