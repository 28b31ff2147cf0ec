package io.pharos.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.config.ConfigException;
import io.pharos.config.PrometheusConfig;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the component as SCR would, without a framework. */
class ConfigServiceComponentTest {
    @TempDir
    Path dir;

    private static ConfigServiceComponent.Config config(String file) {
        return new ConfigServiceComponent.Config() {
            @Override
            public String config_file() {
                return file;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ConfigServiceComponent.Config.class;
            }
        };
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("prometheus.yml"), yaml);
    }

    private static List<String> jobs(PrometheusConfig c) {
        return c.scrapeConfigs().stream().map(s -> s.jobName()).toList();
    }

    @Test
    void loadsNotifiesAndKeepsTheOldConfigOnABadReload() throws Exception {
        Path file = write("scrape_configs:\n  - job_name: a\n");
        ConfigServiceComponent c = new ConfigServiceComponent();
        c.activate(config(file.toString()));
        assertEquals(file, c.file());
        assertEquals(List.of("a"), jobs(c.current()));

        List<List<String>> seen = new ArrayList<>();
        AutoCloseable sub = c.subscribe(cfg -> seen.add(jobs(cfg)));
        assertEquals(List.of(List.of("a")), seen, "called right away with the current config");

        write("scrape_configs:\n  - job_name: a\n  - job_name: a\n");
        PrometheusConfig before = c.current();
        ConfigException e = assertThrows(ConfigException.class, c::reload);
        assertEquals(file + ":3:5: found multiple scrape configs with job name \"a\"", e.getMessage());
        assertSame(before, c.current(), "a bad file leaves the old config in place");
        assertEquals(1, seen.size(), "listeners hear only of successful reloads");

        Files.delete(file);
        assertThrows(ConfigException.class, c::reload);
        assertSame(before, c.current(), "so does a deleted file");

        write("scrape_configs:\n  - job_name: b\n");
        c.reload();
        assertEquals(List.of("b"), jobs(c.current()));
        assertEquals(List.of(List.of("a"), List.of("b")), seen);

        sub.close();
        sub.close();
        write("scrape_configs:\n  - job_name: c\n");
        c.reload();
        assertEquals(List.of("c"), jobs(c.current()));
        assertEquals(2, seen.size(), "no calls after unsubscribing");
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() throws Exception {
        ConfigServiceComponent c = new ConfigServiceComponent();
        c.activate(config(write("scrape_configs:\n  - job_name: a\n").toString()));
        List<PrometheusConfig> seen = new ArrayList<>();
        c.subscribe(cfg -> {
            throw new IllegalStateException("listener bug");
        });
        c.subscribe(seen::add);
        write("scrape_configs:\n  - job_name: b\n");
        c.reload();
        assertEquals(2, seen.size());
        assertEquals(List.of("b"), jobs(seen.get(1)));
    }

    @Test
    void sameListenerTwiceLeavesOnce() throws Exception {
        ConfigServiceComponent c = new ConfigServiceComponent();
        c.activate(config(write("").toString()));
        List<PrometheusConfig> seen = new ArrayList<>();
        java.util.function.Consumer<PrometheusConfig> l = seen::add;
        AutoCloseable first = c.subscribe(l);
        c.subscribe(l);
        first.close();
        c.reload();
        assertEquals(3, seen.size(), "two immediate calls, then one for the reload");
    }

    @Test
    void missingFileMeansDefaults() throws Exception {
        ConfigServiceComponent c = new ConfigServiceComponent();
        Path missing = dir.resolve("nope.yml");
        c.activate(config(missing.toString()));
        assertEquals(PrometheusConfig.DEFAULT, c.current());
        assertEquals(missing, c.file());
    }

    @Test
    void invalidFileFailsActivation() throws Exception {
        Path file = write("global:\n  scrape_intervall: 1m\n");
        ConfigServiceComponent c = new ConfigServiceComponent();
        ConfigException e = assertThrows(ConfigException.class, () -> c.activate(config(file.toString())));
        assertEquals(file + ":2:3: field scrape_intervall not found in type global_config", e.getMessage());
    }

    @Test
    void defaultFileIsInKarafEtc() {
        String old = System.getProperty("karaf.etc");
        try {
            System.setProperty("karaf.etc", dir.toString());
            assertEquals(dir.resolve("prometheus.yml"), ConfigServiceComponent.resolve(""));
            assertEquals(dir.resolve("other.yml"), ConfigServiceComponent.resolve("other.yml"));
            Path abs = dir.resolve("x/abs.yml").toAbsolutePath();
            assertEquals(abs, ConfigServiceComponent.resolve(abs.toString()));
            System.clearProperty("karaf.etc");
            assertTrue(ConfigServiceComponent.resolve("").endsWith(Path.of("etc", "prometheus.yml")));
        } finally {
            if (old == null) {
                System.clearProperty("karaf.etc");
            } else {
                System.setProperty("karaf.etc", old);
            }
        }
    }
}
