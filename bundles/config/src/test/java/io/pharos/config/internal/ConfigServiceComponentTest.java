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
            public int auto_reload_interval_seconds() {
                return 0; // tests call reloadIfChanged() themselves
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

    /** A bundle owning part of the config (e.g. rule files) vetoes a reload: nothing is applied. */
    @Test
    void aValidatorRejectsAReloadAndTheOldConfigKeepsRunning() throws Exception {
        Path file = write("scrape_configs:\n  - job_name: a\n");
        ConfigServiceComponent c = new ConfigServiceComponent();
        c.activate(config(file.toString()));
        List<Path> dirs = new ArrayList<>();
        io.pharos.config.ConfigValidator noRulesAllowed = (cfg, configDir) -> {
            dirs.add(configDir);
            if (!cfg.ruleFiles().isEmpty()) {
                throw new ConfigException(cfg.ruleFiles().get(0), 3, 0, "bad rule");
            }
        };
        c.addValidator(noRulesAllowed);
        List<List<String>> seen = new ArrayList<>();
        c.subscribe(cfg -> seen.add(jobs(cfg)));

        write("rule_files: [r.yml]\nscrape_configs:\n  - job_name: b\n");
        PrometheusConfig before = c.current();
        ConfigException e = assertThrows(ConfigException.class, c::reload);
        assertEquals("r.yml:3: bad rule", e.getMessage());
        assertSame(before, c.current());
        assertEquals(1, seen.size(), "subscribers never saw the rejected config");
        assertEquals(dir.toAbsolutePath(), dirs.get(0));

        c.removeValidator(noRulesAllowed);
        c.reload();
        assertEquals(List.of("b"), jobs(c.current()));
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

    @Test
    void autoReloadPicksUpChangesOnceAndReportsFailuresInMetrics() throws Exception {
        Path file = write("scrape_configs:\n  - job_name: a\n");
        ConfigServiceComponent c = new ConfigServiceComponent();
        c.activate(config(file.toString()));
        List<List<String>> seen = new ArrayList<>();
        c.subscribe(cfg -> seen.add(jobs(cfg)));

        c.reloadIfChanged(); // unchanged: nothing happens
        assertEquals(1, seen.size());

        write("scrape_configs:\n  - job_name: b\n");
        c.reloadIfChanged();
        assertEquals(List.of("b"), jobs(c.current()));
        assertEquals(2, seen.size());
        assertTrue(metrics(c).contains("prometheus_config_last_reload_successful 1\n"), metrics(c));

        write("scrape_configs:\n  - job_nam: c\n");
        c.reloadIfChanged();
        c.reloadIfChanged(); // the same broken file is not retried
        assertEquals(List.of("b"), jobs(c.current()), "a bad file keeps the old config");
        assertEquals(2, seen.size());
        assertTrue(metrics(c).contains("prometheus_config_last_reload_successful 0\n"), metrics(c));
        c.deactivate();
    }

    private static String metrics(ConfigServiceComponent c) throws Exception {
        java.io.StringWriter w = new java.io.StringWriter();
        c.collect(new io.pharos.spi.exporter.MetricWriter() {
            @Override
            public io.pharos.spi.exporter.MetricWriter family(String name, io.pharos.spi.model.MetricType type, String help) {
                return this;
            }

            @Override
            public io.pharos.spi.exporter.MetricWriter sample(String name, io.pharos.spi.model.Labels labels, double value) {
                w.write(name + " " + (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value)) + "\n");
                return this;
            }

            @Override
            public io.pharos.spi.exporter.MetricWriter sample(String name, io.pharos.spi.model.Labels labels, double value,
                    long timestampMs) {
                return sample(name, labels, value);
            }
        });
        return w.toString();
    }
}
