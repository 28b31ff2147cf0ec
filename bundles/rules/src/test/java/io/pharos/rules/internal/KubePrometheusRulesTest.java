package io.pharos.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pharos.rules.RuleGroupInfo;
import io.pharos.rules.RuleInfo;
import io.pharos.spi.model.Labels;
import io.pharos.testkit.Corpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule group of the kube-prometheus PrometheusRule manifests ({@code spec.groups}, written
 * out as plain rule files) loads and evaluates without error over a small synthetic data set:
 * a few series for each metric name the rules read.
 */
class KubePrometheusRulesTest {
    private static final long MIN = 60_000;

    @TempDir
    Path dir;

    @Test
    void everyGroupLoadsAndEvaluates() throws Exception {
        Path corpus = Corpora.resolve("kube-prometheus");
        ObjectMapper yaml = new YAMLMapper();
        List<Path> ruleFiles = new ArrayList<>();
        List<String> metricNames = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path f : files.filter(p -> p.toString().endsWith("prometheusRule.yaml")).sorted().toList()) {
                Iterator<JsonNode> docs = yaml.readValues(yaml.getFactory().createParser(f.toFile()), JsonNode.class);
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc == null || !"PrometheusRule".equals(doc.path("kind").asText())) {
                        continue;
                    }
                    ArrayNode groups = (ArrayNode) doc.path("spec").path("groups");
                    Path out = dir.resolve(f.getFileName().toString().replace(".yaml", ".rules.yml"));
                    yaml.writeValue(out.toFile(), Map.of("groups", groups));
                    ruleFiles.add(out);
                    groups.forEach(g -> g.path("rules").forEach(r -> collectNames(r.path("expr").asText(), metricNames)));
                }
            }
        }
        Fixture fx = new Fixture();
        fx.manager.update(ruleFiles, new RulesManager.Settings(Duration.ofSeconds(30), Duration.ZERO, Map.of(),
                "http://pharos:9090", false));
        List<RuleGroupInfo> groups = fx.manager.groups();
        int rules = groups.stream().mapToInt(g -> g.rules().size()).sum();

        // Synthetic data: for every metric name, two series across two jobs, namespaces and nodes.
        long start = 0;
        for (int step = 0; step <= 20; step++) {
            long t = start + step * 30_000L;
            for (String name : metricNames) {
                for (int i = 0; i < 2; i++) {
                    fx.add(Labels.of("__name__", name, "job", "job" + i, "instance", "10.0.0." + i + ":9100",
                            "namespace", "ns" + i, "pod", "pod" + i, "node", "node" + i, "container", "c" + i,
                            "cluster", "", "le", name.endsWith("_bucket") ? (i == 0 ? "0.5" : "+Inf") : "",
                            "quantile", ""), t, step * (i + 1) + 1.0);
                }
            }
        }
        long t0 = System.nanoTime();
        int evaluations = 3;
        for (int i = 0; i < evaluations; i++) {
            fx.manager.evaluateAll(start + (8 + i) * MIN);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<String> failures = new ArrayList<>();
        for (RuleGroupInfo g : fx.manager.groups()) {
            for (RuleInfo r : g.rules()) {
                // Synthetic series lack the labels (verb, code, ...) that tell some rules' outputs apart, so
                // two rules of a group can write the same series; the storage rejects the second, as
                // Prometheus' would. That is the data set, not the rule manager.
                if (r.health() != RuleInfo.Health.OK && !r.lastError().startsWith("duplicate sample for timestamp")) {
                    failures.add(g.name() + "/" + r.name() + ": " + r.lastError());
                }
            }
        }
        System.out.printf("kube-prometheus rules: %d files, %d groups, %d rules (%d alerting, %d recording); "
                        + "%d full evaluations over %d synthetic series took %.3f s (%.1f ms per evaluation)%n",
                ruleFiles.size(), groups.size(), rules,
                groups.stream().flatMap(g -> g.rules().stream()).filter(r -> r.type() == RuleInfo.Type.ALERTING).count(),
                groups.stream().flatMap(g -> g.rules().stream()).filter(r -> r.type() == RuleInfo.Type.RECORDING).count(),
                evaluations, metricNames.size() * 2, seconds, seconds * 1000 / evaluations);
        assertTrue(groups.size() > 30, "expected the kube-prometheus groups, got " + groups.size());
        assertEquals(List.of(), failures);
    }

    /** Identifiers in an expression that look like metric names (a superset is harmless). */
    private static void collectNames(String expr, List<String> out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{|\\[|\\)|$|\\s)")
                .matcher(expr);
        while (m.find()) {
            String n = m.group(1);
            if (n.contains("_") && !out.contains(n) && !n.startsWith("__")) {
                out.add(n);
            }
        }
    }
}
