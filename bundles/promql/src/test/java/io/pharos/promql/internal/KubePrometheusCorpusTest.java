package io.pharos.promql.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pharos.testkit.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every PromQL expression of the kube-prometheus stack parses: the alerting and recording rules of
 * its PrometheusRule manifests and the panel queries of its Grafana dashboards (dashboard JSON held
 * in ConfigMaps), with Grafana's template variables replaced by plausible values first. Each one
 * also survives a round trip through the printer.
 */
class KubePrometheusCorpusTest {
    private static final Pattern TEMPLATE_VARIABLE =
            Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::[^}]*)?\\}|\\$([A-Za-z0-9_]+)|\\[\\[([A-Za-z0-9_]+)\\]\\]");
    /** Grafana's built-in interval variables; any other variable becomes "x". */
    private static final Map<String, String> BUILTINS = Map.of(
            "__rate_interval", "1m",
            "__interval", "1m",
            "__range", "1h",
            "__interval_ms", "60000",
            "__range_s", "3600",
            "__range_ms", "3600000");

    private final ObjectMapper yaml = new YAMLMapper();
    private final ObjectMapper json = new JsonMapper();

    /** One expression and where it comes from. */
    private record Query(String source, String expr, boolean rule) {
    }

    @Test
    void everyExpressionParses() throws IOException {
        Path dir = Corpora.resolve("kube-prometheus");
        List<Query> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (var parser = yaml.getFactory().createParser(f.toFile())) {
                    Iterator<JsonNode> docs = yaml.readValues(parser, JsonNode.class);
                    while (docs.hasNext()) {
                        collect(f.getFileName().toString(), docs.next(), queries);
                    }
                }
            }
        }
        List<String> failures = new ArrayList<>();
        long rules = queries.stream().filter(Query::rule).count();
        for (Query q : queries) {
            try {
                ParserTest.assertRoundTrip(q.expr(), ParserOptions.DEFAULT);
            } catch (ParseException | AssertionError e) {
                failures.add(q.source() + ": " + q.expr().strip() + "\n    " + e.getMessage());
            }
        }
        System.out.printf("kube-prometheus: %d of %d expressions parse (%d from rules, %d from dashboards)%n",
                queries.size() - failures.size(), queries.size(), rules, queries.size() - rules);
        assertTrue(queries.size() > 500, "expected hundreds of expressions, found " + queries.size());
        assertTrue(failures.isEmpty(), failures.size() + " expressions fail:\n" + String.join("\n", failures));
    }

    /** Finds rules in PrometheusRule objects and dashboards in ConfigMaps, also inside lists. */
    private void collect(String file, JsonNode doc, List<Query> out) throws IOException {
        if (doc == null) {
            return;
        }
        for (JsonNode item : doc.path("items")) {
            collect(file, item, out);
        }
        String kind = doc.path("kind").asText();
        if (kind.equals("PrometheusRule")) {
            for (JsonNode group : doc.path("spec").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.hasNonNull("expr")) {
                        String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
                        out.add(new Query(file + " rule " + name, rule.path("expr").asText(), true));
                    }
                }
            }
        } else if (kind.equals("ConfigMap")) {
            Iterator<Map.Entry<String, JsonNode>> data = doc.path("data").fields();
            while (data.hasNext()) {
                Map.Entry<String, JsonNode> e = data.next();
                String value = e.getValue().asText();
                if (e.getKey().endsWith(".json") && value.stripLeading().startsWith("{")) {
                    targets(file + " dashboard " + e.getKey(), json.readTree(value), out);
                }
            }
        }
    }

    /** The {@code expr} of every query target, in panels, nested panels and rows alike. */
    private static void targets(String source, JsonNode node, List<Query> out) {
        if (node.isObject()) {
            for (JsonNode target : node.path("targets")) {
                String expr = target.path("expr").asText("");
                // Empty targets and template queries (label_values(...)) are not PromQL.
                if (!expr.isBlank() && !expr.stripLeading().startsWith("label_values(")) {
                    out.add(new Query(source, substituteVariables(expr), false));
                }
            }
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                targets(source, child, out);
            }
        }
    }

    static String substituteVariables(String expr) {
        Matcher m = TEMPLATE_VARIABLE.matcher(expr);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            m.appendReplacement(sb, Matcher.quoteReplacement(BUILTINS.getOrDefault(name, "x")));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
