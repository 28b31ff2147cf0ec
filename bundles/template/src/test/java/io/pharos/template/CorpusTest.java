package io.pharos.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pharos.testkit.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Real-world templates: Alertmanager's default notification templates and kube-prometheus' alert annotations. */
class CorpusTest {
    /** Alertmanager's own template functions, as stubs: only parsing is checked here. */
    private static final List<String> ALERTMANAGER_FUNCS = List.of("toUpper", "toLower", "title", "trimSpace",
            "join", "match", "safeHtml", "safeUrl", "urlUnescape", "reReplaceAll", "stringSlice", "date", "tz",
            "since", "humanizeDuration", "toJson");

    @Test
    void alertmanagerTemplatesParse() throws IOException, TemplateException {
        Path dir = Corpora.resolve("alertmanager/template");
        Map<String, TemplateFunction> stubs = new HashMap<>();
        ALERTMANAGER_FUNCS.forEach(f -> stubs.put(f, args -> ""));
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".tmpl")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no .tmpl files in " + dir);
        for (Path f : files) {
            GoTemplate t = GoTemplate.parse(f.getFileName().toString(), Files.readString(f), stubs);
            assertTrue(t.templateNames().size() > 1, f + " defines templates");
        }
        GoTemplate t = GoTemplate.parse("default.tmpl", Files.readString(dir.resolve("default.tmpl")), stubs);
        assertTrue(t.templateNames().contains("slack.default.title"));
        assertEquals("Alertmanager", t.execute("__alertmanager", null));
    }

    @Test
    void kubePrometheusAnnotationsExpand() throws IOException, TemplateException {
        Path dir = Corpora.resolve("kube-prometheus");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().contains("prometheusRule")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no PrometheusRule manifests in " + dir);
        Map<String, String> labels = Map.of("namespace", "monitoring", "pod", "prometheus-k8s-0", "job", "node",
                "instance", "10.0.0.1:9100", "cluster", "eu-1", "node", "worker-1", "device", "sda");
        List<String> failures = new ArrayList<>();
        int expanded = 0;
        for (Path f : files) {
            for (JsonNode group : yaml.readTree(f.toFile()).path("spec").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    for (var it = rule.path("annotations").fields(); it.hasNext(); ) {
                        var a = it.next();
                        String name = "__alert_" + rule.path("alert").asText();
                        try {
                            String out = PrometheusTemplates.expand(name, a.getValue().asText(), labels, 0.4237,
                                    Map.of(), "http://127.0.0.1:9090", 1_700_000_000_000L,
                                    (q, ts) -> List.of(new QuerySample(Map.of("job", "node"), 3)));
                            assertFalse(out.contains("{{"), out);
                            expanded++;
                        } catch (TemplateException e) {
                            failures.add(f.getFileName() + " " + name + "." + a.getKey() + ": " + e.getMessage());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(expanded > 100, "expanded only " + expanded + " annotations");
    }

    @Test
    void kubePrometheusSampleOutput() throws TemplateException {
        // the shape of kube-prometheus' most common annotation templates
        String out = PrometheusTemplates.expand("__alert_X",
                "{{ printf \"%.2f\" $value }}% of {{ $labels.job }}/{{ $labels.instance }} targets are down;"
                        + " {{ $value | humanizePercentage }}{{ with $labels.cluster -}} on cluster {{ . }}{{- end }}.",
                Map.of("job", "node", "instance", "a:1", "cluster", "eu"), 0.4237, Map.of(), "", 0, (q, ts) -> List.of());
        assertEquals("0.42% of node/a:1 targets are down; 42.37%on cluster eu.", out); // -}} trims the space
    }
}
