package io.pharos.relabel;

import io.pharos.spi.model.Labels;
import io.pharos.spi.model.PluginConfigException;
import io.pharos.spi.util.GoStrings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One Prometheus {@code <relabel_config>}, validated. The canonical constructor applies the same
 * checks as {@link #fromYaml}, so every instance is one Prometheus would accept.
 *
 * @param sourceLabels the labels whose values are joined with {@code separator}; missing labels
 *     count as empty strings
 * @param separator placed between the source values, {@code ;} by default
 * @param targetLabel the label written by replace, lowercase, uppercase and hashmod and compared by
 *     keepequal and dropequal; for replace it may contain {@code $1}-style references
 * @param regex matched against the joined value (or against label names for labelmap, labeldrop and
 *     labelkeep); {@link RelabelRegex#DEFAULT} when not configured
 * @param modulus for hashmod, an unsigned 64-bit value (use {@link Long#toUnsignedString})
 * @param replacement the template for replace and labelmap, {@code $1} by default
 * @param action what to do, replace by default
 */
public record RelabelConfig(
        List<String> sourceLabels,
        String separator,
        String targetLabel,
        RelabelRegex regex,
        long modulus,
        String replacement,
        Action action) {

    public static final String DEFAULT_SEPARATOR = ";";
    public static final String DEFAULT_REPLACEMENT = "$1";

    private static final Set<String> KEYS = Set.of(
            "source_labels", "separator", "target_label", "regex", "modulus", "replacement", "action");
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** @throws IllegalArgumentException when Prometheus would reject the config, with its message */
    public RelabelConfig {
        Objects.requireNonNull(sourceLabels, "sourceLabels");
        Objects.requireNonNull(separator, "separator");
        Objects.requireNonNull(targetLabel, "targetLabel");
        Objects.requireNonNull(regex, "regex");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(action, "action");
        sourceLabels = List.copyOf(sourceLabels);
        String problem = invalidSourceLabel(sourceLabels);
        if (problem == null) {
            problem = problem(!sourceLabels.isEmpty(), separator, targetLabel, regex, modulus, replacement, action);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Reads one element of a {@code relabel_configs} list (or of metric, alert or write relabel
     * configs) from its plain YAML tree, applies Prometheus' defaults and validates it.
     *
     * <p>As with Prometheus' YAML decoder, a key present with a null value sets the field's zero
     * value rather than its default: {@code regex:} alone is the empty regex, {@code separator:}
     * the empty separator, and {@code action:} alone is an error. Scalars other than strings
     * (numbers, booleans) are accepted where a string is expected, as Go's decoder does.
     */
    public static RelabelConfig fromYaml(Map<String, ?> node) throws PluginConfigException {
        if (node == null) {
            throw new PluginConfigException("empty or null relabeling rule");
        }
        for (Object key : node.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                // Prometheus' wording (yaml.v2 strict mode)
                throw new PluginConfigException("field " + key + " not found in type relabel.plain");
            }
        }
        List<String> sourceLabels = List.of();
        boolean sourceLabelsSet = false;
        Object rawSources = node.get("source_labels");
        if (rawSources != null) {
            sourceLabels = labelNames(rawSources);
            sourceLabelsSet = true; // even an empty list counts as set, as in Prometheus
        }
        String separator = node.containsKey("separator") ? string(node, "separator") : DEFAULT_SEPARATOR;
        String targetLabel = string(node, "target_label");
        RelabelRegex regex = node.containsKey("regex") ? RelabelRegex.compile(string(node, "regex")) : RelabelRegex.DEFAULT;
        long modulus = uint64(node.get("modulus"));
        String replacement = node.containsKey("replacement") ? string(node, "replacement") : DEFAULT_REPLACEMENT;
        Action action = Action.REPLACE;
        if (node.containsKey("action")) {
            if (node.get("action") == null) {
                throw new PluginConfigException("relabel action cannot be empty");
            }
            action = Action.fromYaml(string(node, "action"));
        }
        String problem = problem(sourceLabelsSet, separator, targetLabel, regex, modulus, replacement, action);
        if (problem != null) {
            throw new PluginConfigException(problem);
        }
        return new RelabelConfig(sourceLabels, separator, targetLabel, regex, modulus, replacement, action);
    }

    /** {@link #fromYaml} for each element of a list; a null list is an empty one. */
    public static List<RelabelConfig> fromYamlList(List<?> nodes) throws PluginConfigException {
        if (nodes == null) {
            return List.of();
        }
        List<RelabelConfig> configs = new ArrayList<>(nodes.size());
        for (Object n : nodes) {
            if (n != null && !(n instanceof Map<?, ?>)) {
                throw new PluginConfigException("relabeling rule must be a mapping, got " + describe(n));
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> node = (Map<String, ?>) n;
            configs.add(fromYaml(node));
        }
        return List.copyOf(configs);
    }

    /**
     * Prometheus' {@code Config.Validate}, in its order, with its messages; null when valid. Label
     * names follow the UTF-8 scheme (non-empty, well-formed); {@code $} references in a replace
     * target are therefore always acceptable.
     */
    private static String problem(boolean sourceLabelsSet, String separator, String targetLabel, RelabelRegex regex,
            long modulus, String replacement, Action action) {
        boolean writesTarget = action == Action.REPLACE || action == Action.HASHMOD || action == Action.LOWERCASE
                || action == Action.UPPERCASE || action == Action.KEEPEQUAL || action == Action.DROPEQUAL;
        boolean fixedReplacement = action == Action.LOWERCASE || action == Action.UPPERCASE
                || action == Action.KEEPEQUAL || action == Action.DROPEQUAL;
        if (action == Action.HASHMOD && modulus == 0) {
            return "relabel configuration for hashmod requires non-zero modulus";
        }
        if (writesTarget && targetLabel.isEmpty()) {
            return "relabel configuration for " + action + " action requires 'target_label' value";
        }
        if (writesTarget && !Labels.isValidName(targetLabel)) {
            return GoStrings.quote(targetLabel) + " is invalid 'target_label' for " + action + " action";
        }
        if (fixedReplacement && !replacement.equals(DEFAULT_REPLACEMENT)) {
            return "'replacement' can not be set for " + action + " action";
        }
        if (action == Action.LABELMAP && !Labels.isValidName(replacement)) {
            return GoStrings.quote(replacement) + " is invalid 'replacement' for " + action + " action";
        }
        if ((action == Action.KEEPEQUAL || action == Action.DROPEQUAL) && (regex != RelabelRegex.DEFAULT
                || modulus != 0 || !separator.equals(DEFAULT_SEPARATOR) || !replacement.equals(DEFAULT_REPLACEMENT))) {
            return action + " action requires only 'source_labels' and `target_label`, and no other fields";
        }
        if ((action == Action.LABELDROP || action == Action.LABELKEEP) && (sourceLabelsSet || !targetLabel.isEmpty()
                || modulus != 0 || !separator.equals(DEFAULT_SEPARATOR) || !replacement.equals(DEFAULT_REPLACEMENT))) {
            return action + " action requires only 'regex', and no other fields";
        }
        return null;
    }

    private static String invalidSourceLabel(List<String> names) {
        for (String n : names) {
            if (!Labels.isValidName(n)) {
                return GoStrings.quote(n) + " is not a valid label name";
            }
        }
        return null;
    }

    private static List<String> labelNames(Object raw) throws PluginConfigException {
        if (!(raw instanceof List<?> list)) {
            throw new PluginConfigException("field source_labels: cannot unmarshal " + describe(raw) + " into a list of label names");
        }
        List<String> names = new ArrayList<>(list.size());
        for (Object o : list) {
            String name = o == null ? "" : scalar("source_labels", o);
            if (!Labels.isValidName(name)) {
                throw new PluginConfigException(GoStrings.quote(name) + " is not a valid label name");
            }
            names.add(name);
        }
        return names;
    }

    /** A string field; absent or null is the empty string. */
    private static String string(Map<String, ?> node, String key) throws PluginConfigException {
        Object v = node.get(key);
        return v == null ? "" : scalar(key, v);
    }

    private static String scalar(String key, Object v) throws PluginConfigException {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof Character) {
            return v.toString();
        }
        throw new PluginConfigException("field " + key + ": cannot unmarshal " + describe(v) + " into a string");
    }

    private static long uint64(Object v) throws PluginConfigException {
        if (v == null) {
            return 0;
        }
        BigInteger n = null;
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            n = BigInteger.valueOf(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            n = b;
        } else if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            try {
                BigDecimal d = new BigDecimal(v.toString());
                if (d.stripTrailingZeros().scale() <= 0) {
                    n = d.toBigIntegerExact();
                }
            } catch (NumberFormatException e) {
                n = null; // NaN or infinity
            }
        }
        if (n == null || n.signum() < 0 || n.compareTo(MAX_UINT64) > 0) {
            throw new PluginConfigException("field modulus: cannot unmarshal " + describe(v)
                    + " into an unsigned 64-bit integer");
        }
        return n.longValue(); // two's complement bits = the unsigned value
    }

    private static String describe(Object v) {
        if (v instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (v instanceof Collection<?>) {
            return "a list";
        }
        if (v instanceof String s) {
            return "the string " + GoStrings.quote(s);
        }
        return v.toString();
    }
}
