package io.pharos.discovery.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.discovery.DiscoveryContext;
import io.pharos.spi.discovery.TargetGroup;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.PluginConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** file_sd_configs: formats, globs, changes, deletions and bad files, as Prometheus handles them. */
class FileDiscovererTest {
    @TempDir
    Path dir;
    /** Every update reported, in order. */
    private final List<List<TargetGroup>> updates = new ArrayList<>();
    /** The groups by source, as a consumer applying the updates sees them. */
    private final Map<String, TargetGroup> current = new LinkedHashMap<>();

    private final DiscoveryContext context = new DiscoveryContext() {
        @Override
        public String jobName() {
            return "files";
        }

        @Override
        public Path configDirectory() {
            return dir;
        }
    };

    private FileDiscoverer discoverer(Object files) throws PluginConfigException {
        FileDiscoverer d = new FileDiscoverer(FileSdConfig.parse(Map.of("files", files), dir), context);
        d.listener(groups -> {
            updates.add(groups);
            for (TargetGroup g : groups) {
                if (g.targets().isEmpty()) {
                    current.remove(g.source());
                } else {
                    current.put(g.source(), g);
                }
            }
        });
        return d;
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    @Test
    void jsonGroupsGetSourceAndFilepath() throws Exception {
        Path file = write("targets.json", """
                [{"targets": ["a:9100", "b:9100"], "labels": {"env": "prod"}},
                 {"targets": ["c:9100"], "extra": "ignored in JSON"}]
                """);
        FileDiscoverer d = discoverer(List.of("targets.json"));
        d.refresh(true);
        assertEquals(1, updates.size());
        List<TargetGroup> groups = updates.get(0);
        assertEquals(new TargetGroup(file + ":0", List.of(Labels.of("__address__", "a:9100"),
                Labels.of("__address__", "b:9100")), Labels.of("env", "prod", "__meta_filepath", file.toString())),
                groups.get(0));
        assertEquals(new TargetGroup(file + ":1", List.of(Labels.of("__address__", "c:9100")),
                Labels.of("__meta_filepath", file.toString())), groups.get(1));
    }

    @Test
    void yamlGroupsAndAnEmptyFirstReport() throws Exception {
        FileDiscoverer d = discoverer(List.of("sd/*.yml"));
        d.refresh(true);
        assertEquals(List.of(List.of()), updates, "the first report is sent even with no files");
        Path file = write("sd/one.yml", "- targets: ['x:1']\n  labels:\n    rack: 7\n");
        d.refresh(false);
        assertEquals(Labels.of("rack", "7", "__meta_filepath", file.toString()), current.get(file + ":0").labels());
    }

    @Test
    void globMatchesTheLastElementWithGoSyntaxOnly() throws Exception {
        write("a.json", "[{\"targets\": [\"a:1\"]}]");
        write("b.json", "[{\"targets\": [\"b:1\"]}]");
        write("c.yml", "- targets: ['c:1']\n");
        write("zz.json", "[{\"targets\": [\"z:1\"]}]");
        FileDiscoverer d = discoverer(List.of("[a-c].json", "*.yml"));
        assertEquals(List.of(dir.resolve("a.json"), dir.resolve("b.json"), dir.resolve("c.yml")), d.listFiles());
        d.refresh(true);
        assertEquals(3, current.size());
    }

    @Test
    void changedFileReportsItsGroupsAndRemovesTheSurplus() throws Exception {
        Path file = write("t.json", "[{\"targets\": [\"a:1\"]}, {\"targets\": [\"b:1\"]}]");
        FileDiscoverer d = discoverer(List.of("t.json"));
        d.refresh(true);
        assertEquals(2, current.size());
        d.refresh(false);
        assertEquals(1, updates.size(), "an unchanged file reports nothing");

        Files.writeString(file, "[{\"targets\": [\"c:1\"]}]");
        d.refresh(false);
        assertEquals(List.of(file + ":0"), List.copyOf(current.keySet()));
        assertEquals(Labels.of("__address__", "c:1"), current.get(file + ":0").targets().get(0));
    }

    @Test
    void deletedFileRemovesItsGroups() throws Exception {
        Path file = write("t.yaml", "- targets: ['a:1']\n- targets: ['b:1']\n");
        write("u.yaml", "- targets: ['u:1']\n");
        FileDiscoverer d = discoverer(List.of("*.yaml"));
        d.refresh(true);
        assertEquals(3, current.size());
        Files.delete(file);
        d.refresh(false);
        assertEquals(List.of(dir.resolve("u.yaml") + ":0"), List.copyOf(current.keySet()));
    }

    @Test
    void badFileKeepsItsLastGoodGroups() throws Exception {
        Path file = write("t.json", "[{\"targets\": [\"a:1\"]}]");
        FileDiscoverer d = discoverer(List.of("t.json"));
        d.refresh(true);
        Map<String, TargetGroup> before = Map.copyOf(current);
        for (String bad : List.of("[{\"targets\": [\"a:1\"]", "{\"targets\": []}", "[null]",
                "[{\"labels\": {\"\": \"x\"}}]", "[] trailing")) {
            Files.writeString(file, bad);
            d.refresh(false);
            assertEquals(before, current, bad);
        }
        assertEquals(1, updates.size());
        Files.writeString(file, "[{\"targets\": [\"b:1\"]}]");
        d.refresh(false);
        assertEquals(Labels.of("__address__", "b:1"), current.get(file + ":0").targets().get(0));
    }

    @Test
    void parseErrorsSayWhatAndWhere() throws Exception {
        Path json = write("t.json", "[{\"targets\": [\"a:1\"]");
        IOException e = assertThrows(IOException.class, () -> TargetGroupFiles.read(json));
        assertTrue(e.getMessage().contains("line 1") && !e.getMessage().contains("Source"), e.getMessage());
        Path yaml = write("t.yml", "- targets: ['a:1']\n  lables: {a: b}\n");
        e = assertThrows(IOException.class, () -> TargetGroupFiles.read(yaml));
        assertEquals("target group 0: field lables not found in type targetgroup", e.getMessage());
        Path nil = write("n.json", "[{\"targets\": [\"a:1\"]}, null]");
        e = assertThrows(IOException.class, () -> TargetGroupFiles.read(nil));
        assertEquals("nil target group item found (index 1)", e.getMessage());
        assertEquals(List.of(), TargetGroupFiles.read(write("empty.yml", "")));
    }

    @Test
    void configIsValidatedAsPrometheusDoes() throws Exception {
        assertEquals("path name \"targets.txt\" is not valid for file discovery", assertThrows(
                PluginConfigException.class, () -> FileSdConfig.parse(Map.of("files", List.of("targets.txt")), dir))
                .getMessage());
        assertEquals("path name \"*/t.json\" is not valid for file discovery", assertThrows(
                PluginConfigException.class, () -> FileSdConfig.parse(Map.of("files", List.of("*/t.json")), dir))
                .getMessage());
        assertEquals("file service discovery config must contain at least one path name", assertThrows(
                PluginConfigException.class, () -> FileSdConfig.parse(Map.of(), dir)).getMessage());
        assertEquals("field file not found in type file.plain", assertThrows(PluginConfigException.class,
                () -> FileSdConfig.parse(Map.of("file", List.of("a.json")), dir)).getMessage());
        assertEquals("refresh_interval: not a valid duration string: \"5 minutes\"", assertThrows(
                PluginConfigException.class, () -> FileSdConfig.parse(
                        Map.of("files", List.of("a.json"), "refresh_interval", "5 minutes"), dir)).getMessage());

        FileSdConfig c = FileSdConfig.parse(Map.of("files", List.of("sub/*.json", "/abs/x.yaml")), dir);
        assertEquals(List.of(dir.resolve("sub/*.json"), Path.of("/abs/x.yaml")), c.files());
        assertEquals(Duration.ofMinutes(5), c.refreshInterval());
        assertEquals(Duration.ofSeconds(30), FileSdConfig.parse(
                Map.of("files", List.of("a.json"), "refresh_interval", "30s"), dir).refreshInterval());
    }

    @Test
    void goGlobSyntax() {
        assertTrue(GoGlob.compile("node-?.json").matcher("node-1.json").matches());
        assertTrue(!GoGlob.compile("node-?.json").matcher("node-12.json").matches());
        assertTrue(GoGlob.compile("[^a]*.yml").matcher("b.yml").matches());
        assertTrue(!GoGlob.compile("[^a]*.yml").matcher("a.yml").matches());
        assertTrue(GoGlob.compile("\\*.json").matcher("*.json").matches());
        assertTrue(!GoGlob.compile("\\*.json").matcher("x.json").matches());
        assertTrue(GoGlob.compile("{a,b}.json").matcher("{a,b}.json").matches(), "no brace groups in Go");
        assertThrows(IllegalArgumentException.class, () -> GoGlob.compile("[a.json"));
    }

    /** The watcher reports a new file long before the 5 minute refresh. */
    @Test
    void watchesTheDirectory() throws Exception {
        BlockingQueue<List<TargetGroup>> queue = new LinkedBlockingQueue<>();
        FileDiscoverer d = new FileDiscoverer(FileSdConfig.parse(Map.of("files", List.of("*.json")), dir), context);
        d.start(queue::add);
        try {
            assertEquals(List.of(), queue.poll(30, TimeUnit.SECONDS), "initial report");
            Path file = write("new.json", "[{\"targets\": [\"n:1\"]}]");
            List<TargetGroup> update;
            do {
                update = queue.poll(30, TimeUnit.SECONDS);
            } while (update != null && update.isEmpty());
            assertEquals(file + ":0", update == null ? "no update" : update.get(0).source());
        } finally {
            d.close();
        }
    }
}
