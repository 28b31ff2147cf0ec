package io.pharos.rules.internal;

import io.pharos.config.Durations;
import io.pharos.promql.PromQLException;
import io.pharos.promql.QueryEngine;
import io.pharos.spi.util.GoStrings;
import io.pharos.template.PrometheusTemplates;
import io.pharos.template.TemplateException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a rule file as Prometheus' {@code rulefmt} does: strict decoding first (unknown fields,
 * wrong types and duplicate keys are {@code yaml: unmarshal errors} with their lines), then the
 * semantic checks, each reported at the {@code line:column} of the node it is about. The YAML is
 * read as a node tree (not bound to classes) precisely to keep those positions.
 */
final class RuleFileParser {
    private static final Pattern LEGACY_LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern LEGACY_METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> FILE_KEYS = Set.of("groups");
    private static final Set<String> GROUP_KEYS = Set.of("name", "interval", "query_offset", "limit", "labels", "rules");
    private static final Set<String> RULE_KEYS = Set.of("record", "alert", "expr", "for", "keep_firing_for",
            "labels", "annotations");

    /** Where a node was; 0:0 for a node that is absent, as Go's zero {@code yaml.Node} prints. */
    private record Pos(int line, int column) {
        static final Pos NONE = new Pos(0, 0);

        static Pos of(Node n) {
            if (n == null) {
                return NONE;
            }
            Mark m = n.getStartMark();
            return new Pos(m.getLine() + 1, m.getColumn() + 1);
        }

        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    private final String file;
    private final boolean legacyNames;
    private final Function<String, String> exprCheck;
    private final List<String> decodeErrors = new ArrayList<>();

    /**
     * @param file the file name put in front of every problem
     * @param legacyNames whether metric and label names must match the legacy (pre-UTF-8) syntax
     * @param exprCheck returns why an expression does not parse, or null when it does
     */
    RuleFileParser(String file, boolean legacyNames, Function<String, String> exprCheck) {
        this.file = file;
        this.legacyNames = legacyNames;
        this.exprCheck = exprCheck;
    }

    /** An expression check that asks {@code engine}'s parser. */
    static Function<String, String> exprCheck(QueryEngine engine) {
        return expr -> {
            try {
                engine.formatQuery(expr);
                return null;
            } catch (PromQLException e) {
                return e.getMessage();
            }
        };
    }

    List<GroupSpec> parse(String content) throws RuleFileException {
        Node root;
        try {
            Iterator<Node> docs = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .composeAll(new StringReader(content)).iterator();
            root = docs.hasNext() ? docs.next() : null;
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark();
            throw problems(List.of(file + ": yaml: line " + (m == null ? 0 : m.getLine() + 1) + ": " + e.getProblem()));
        } catch (YAMLException e) {
            throw problems(List.of(file + ": yaml: " + e.getMessage()));
        }
        List<GroupNode> groups = decodeFile(root);
        if (!decodeErrors.isEmpty()) {
            // yaml.v3 reports in document order
            decodeErrors.sort(java.util.Comparator.comparingInt(
                    e -> Integer.parseInt(e.substring(5, e.indexOf(':')))));
            throw problems(List.of(file + ": yaml: unmarshal errors:\n  " + String.join("\n  ", decodeErrors)));
        }
        List<String> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<GroupSpec> out = new ArrayList<>();
        for (GroupNode g : groups) {
            if (g.name.isEmpty()) {
                errors.add(file + ": " + g.pos + ": Groupname must not be empty");
            }
            if (!names.add(g.name)) {
                errors.add(file + ": " + g.pos + ": groupname: \"" + g.name + "\" is repeated in the same file");
            }
            for (String k : g.labels.keySet()) {
                if (!validLabelName(k) || k.equals("__name__")) {
                    errors.add(file + ": invalid label name: " + k);
                }
            }
            for (int i = 0; i < g.rules.size(); i++) {
                RuleNode r = g.rules.get(i);
                String ruleName = !r.alert.isEmpty() ? r.alert : r.record;
                String prefix = "group " + GoStrings.quote(g.name) + ", rule " + (i + 1) + ", "
                        + GoStrings.quote(ruleName) + ": ";
                for (String e : validate(r, prefix)) {
                    errors.add(file + ": " + e);
                }
            }
            List<RuleSpec> rules = new ArrayList<>();
            for (RuleNode r : g.rules) {
                rules.add(new RuleSpec(r.record, r.alert, r.expr, r.holdDuration, r.keepFiringFor, r.labels,
                        r.annotations));
            }
            out.add(new GroupSpec(file, g.name, g.interval, g.queryOffset, g.limit, g.labels, rules));
        }
        if (!errors.isEmpty()) {
            throw problems(errors);
        }
        return out;
    }

    /** Prometheus' {@code Rule.Validate}, in its order. */
    private List<String> validate(RuleNode r, String prefix) {
        List<String> errs = new ArrayList<>();
        String both = Pos.of(r.recordNode) + ": " + Pos.of(r.alertNode) + ": " + prefix;
        if (!r.record.isEmpty() && !r.alert.isEmpty()) {
            errs.add(both + "only one of 'record' and 'alert' must be set");
        }
        if (r.record.isEmpty() && r.alert.isEmpty()) {
            errs.add(both + "one of 'record' or 'alert' must be set");
        }
        String atExpr = Pos.of(r.exprNode) + ": " + prefix;
        if (r.expr.isEmpty()) {
            errs.add(atExpr + "field 'expr' must be set in rule");
        } else {
            String why = exprCheck.apply(r.expr);
            if (why != null) {
                errs.add(atExpr + "could not parse expression: " + why);
            }
        }
        if (!r.record.isEmpty()) {
            String atRecord = Pos.of(r.recordNode) + ": " + prefix;
            if (!r.annotations.isEmpty()) {
                errs.add(atRecord + "invalid field 'annotations' in recording rule");
            }
            if (!r.holdDuration.isZero()) {
                errs.add(atRecord + "invalid field 'for' in recording rule");
            }
            if (!r.keepFiringFor.isZero()) {
                errs.add(atRecord + "invalid field 'keep_firing_for' in recording rule");
            }
            if (!validMetricName(r.record)) {
                errs.add(atRecord + "invalid recording rule name: " + r.record);
            }
            if (r.record.contains("{") || r.record.contains("}")) {
                errs.add(atRecord + "braces present in the recording rule name; should it be in expr?: " + r.record);
            }
        }
        for (String k : r.labels.keySet()) {
            if (!validLabelName(k) || k.equals("__name__")) {
                errs.add(prefix + "invalid label name: " + k);
            }
        }
        for (String k : r.annotations.keySet()) {
            if (!validLabelName(k)) {
                errs.add(prefix + "invalid annotation name: " + k);
            }
        }
        if (!r.alert.isEmpty()) {
            checkTemplates(r, "label", r.labels, prefix, errs);
            checkTemplates(r, "annotation", r.annotations, prefix, errs);
        }
        return errs;
    }

    /** Prometheus parses alert label and annotation templates at load; a broken one fails the file. */
    private static void checkTemplates(RuleNode r, String what, Map<String, String> templates, String prefix,
            List<String> errs) {
        for (Map.Entry<String, String> e : new TreeMap<>(templates).entrySet()) {
            try {
                PrometheusTemplates.check("__alert_" + r.alert, e.getValue());
            } catch (TemplateException bad) {
                errs.add(prefix + what + " " + GoStrings.quote(e.getKey()) + ": " + bad.getMessage());
            }
        }
    }

    private boolean validLabelName(String name) {
        return legacyNames ? LEGACY_LABEL.matcher(name).matches() : !name.isEmpty();
    }

    private boolean validMetricName(String name) {
        return legacyNames ? LEGACY_METRIC.matcher(name).matches() : !name.isEmpty();
    }

    private RuleFileException problems(List<String> problems) {
        return new RuleFileException(problems);
    }

    // --- strict decoding, the way yaml.v3 with KnownFields reports problems ---

    private static final class GroupNode {
        Pos pos;
        String name = "";
        Duration interval;
        Duration queryOffset;
        int limit;
        Map<String, String> labels = Map.of();
        List<RuleNode> rules = List.of();
    }

    private static final class RuleNode {
        Node recordNode;
        Node alertNode;
        Node exprNode;
        String record = "";
        String alert = "";
        String expr = "";
        Duration holdDuration = Duration.ZERO;
        Duration keepFiringFor = Duration.ZERO;
        Map<String, String> labels = Map.of();
        Map<String, String> annotations = Map.of();
    }

    private List<GroupNode> decodeFile(Node root) {
        List<GroupNode> groups = new ArrayList<>();
        if (root == null || isNull(root)) {
            return groups;
        }
        for (NodeTuple t : mapping(root, "rulefmt.RuleGroups", FILE_KEYS)) {
            if (!(t.getValueNode() instanceof SequenceNode seq)) {
                if (!isNull(t.getValueNode())) {
                    mismatch(t.getValueNode(), "[]rulefmt.RuleGroup");
                }
                continue;
            }
            for (Node g : seq.getValue()) {
                groups.add(decodeGroup(g));
            }
        }
        return groups;
    }

    private GroupNode decodeGroup(Node node) {
        GroupNode g = new GroupNode();
        g.pos = Pos.of(node);
        for (NodeTuple t : mapping(node, "rulefmt.RuleGroup", GROUP_KEYS)) {
            Node v = t.getValueNode();
            switch (key(t)) {
                case "name" -> g.name = string(v);
                case "interval" -> g.interval = duration(v);
                case "query_offset" -> g.queryOffset = duration(v);
                case "limit" -> g.limit = integer(v);
                case "labels" -> g.labels = stringMap(v);
                case "rules" -> {
                    List<RuleNode> rules = new ArrayList<>();
                    if (v instanceof SequenceNode seq) {
                        for (Node r : seq.getValue()) {
                            rules.add(decodeRule(r));
                        }
                    } else if (!isNull(v)) {
                        mismatch(v, "[]rulefmt.Rule");
                    }
                    g.rules = rules;
                }
                default -> {
                }
            }
        }
        return g;
    }

    private RuleNode decodeRule(Node node) {
        RuleNode r = new RuleNode();
        for (NodeTuple t : mapping(node, "rulefmt.Rule", RULE_KEYS)) {
            Node v = t.getValueNode();
            switch (key(t)) {
                case "record" -> {
                    r.recordNode = v;
                    r.record = string(v);
                }
                case "alert" -> {
                    r.alertNode = v;
                    r.alert = string(v);
                }
                case "expr" -> {
                    r.exprNode = v;
                    r.expr = string(v);
                }
                case "for" -> r.holdDuration = orZero(duration(v));
                case "keep_firing_for" -> r.keepFiringFor = orZero(duration(v));
                case "labels" -> r.labels = stringMap(v);
                case "annotations" -> r.annotations = stringMap(v);
                default -> {
                }
            }
        }
        return r;
    }

    /** The known entries of a mapping; unknown and repeated keys are recorded as errors. */
    private List<NodeTuple> mapping(Node node, String type, Set<String> known) {
        if (!(node instanceof MappingNode m)) {
            if (!isNull(node)) {
                mismatch(node, type);
            }
            return List.of();
        }
        List<NodeTuple> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (NodeTuple t : m.getValue()) {
            String k = key(t);
            if (!firstTime(seen, t)) {
                continue;
            }
            if (!known.contains(k)) {
                decodeErrors.add("line " + Pos.of(t.getKeyNode()).line() + ": field " + k + " not found in type " + type);
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private static String key(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
    }

    private String string(Node v) {
        if (v instanceof ScalarNode s) {
            return isNull(v) ? "" : s.getValue();
        }
        mismatch(v, "string");
        return "";
    }

    private int integer(Node v) {
        if (v instanceof ScalarNode s && !isNull(v)) {
            try {
                return Integer.parseInt(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                mismatch(v, "int");
            }
        } else if (!isNull(v)) {
            mismatch(v, "int");
        }
        return 0;
    }

    private Duration duration(Node v) {
        if (isNull(v)) {
            return null;
        }
        if (!(v instanceof ScalarNode s)) {
            mismatch(v, "model.Duration");
            return null;
        }
        try {
            return Durations.parse(s.getValue());
        } catch (IllegalArgumentException e) {
            decodeErrors.add("line " + Pos.of(v).line() + ": " + e.getMessage());
            return null;
        }
    }

    private Map<String, String> stringMap(Node v) {
        Map<String, String> out = new TreeMap<>();
        if (!(v instanceof MappingNode m)) {
            if (!isNull(v)) {
                mismatch(v, "map[string]string");
            }
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (firstTime(seen, t)) {
                out.put(key(t), string(t.getValueNode()));
            }
        }
        return out;
    }

    /** Whether the tuple's key is new in its mapping; a repeated key is recorded as an error. */
    private boolean firstTime(Map<String, Integer> seen, NodeTuple t) {
        String k = key(t);
        int line = Pos.of(t.getKeyNode()).line();
        Integer first = seen.putIfAbsent(k, line);
        if (first != null) {
            decodeErrors.add("line " + line + ": mapping key " + GoStrings.quote(k) + " already defined at line " + first);
        }
        return first == null;
    }

    /** yaml.v3's wording: {@code cannot unmarshal !!seq into string}. */
    private void mismatch(Node v, String type) {
        String tag = v.getTag().getValue().replace(Tag.PREFIX, "!!");
        String what = v instanceof ScalarNode s ? tag + " `" + s.getValue() + "`" : tag;
        decodeErrors.add("line " + Pos.of(v).line() + ": cannot unmarshal " + what + " into " + type);
    }

    private static boolean isNull(Node v) {
        return v.getTag().equals(Tag.NULL);
    }

    private static Duration orZero(Duration d) {
        return d == null ? Duration.ZERO : d;
    }
}
