package io.pharos.config;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Loads {@code prometheus.yml} the way Prometheus 3.x does: strict about unknown fields and
 * duplicate keys, Prometheus' defaults and validation, every error positioned at its node.
 * Thread-safe.
 */
public final class ConfigLoader {
    /** Generated configurations (operators, thousands of jobs) outgrow snakeyaml's default 3 MB. */
    private static final int MAX_CODE_POINTS = 256 * 1024 * 1024;

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            // "key:" with no value is null in YAML (and in Prometheus), not ""
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();

    /** Modules are registered by hand: inside OSGi, Jackson's ServiceLoader discovery finds nothing. */
    private static final ObjectReader READER = YAMLMapper.builder(YAML)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("pharos-config")
                    .addDeserializer(Duration.class, new DurationDeserializer())
                    .addDeserializer(ScrapeConfig.class, new ScrapeConfigDeserializer()))
            .addHandler(new UnknownFieldHandler())
            .build()
            .readerFor(PrometheusConfig.class);

    private ConfigLoader() {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        return options;
    }

    /** Reads and validates a file; error messages name it as given. */
    public static PrometheusConfig load(Path file) throws ConfigException {
        String name = file.toString();
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, 0, 0, "no such file", e);
        } catch (IOException e) {
            throw new ConfigException(name, 0, 0, "cannot read file: " + e, e);
        }
        return parse(yaml, name);
    }

    /**
     * Parses and validates YAML text. An empty document (or one with only comments) is the default
     * configuration, as in Prometheus.
     *
     * @param fileName the name errors report
     */
    public static PrometheusConfig parse(String yaml, String fileName) throws ConfigException {
        try (TrackingParser p = new TrackingParser(YAML.createParser(yaml))) {
            PrometheusConfig raw;
            try {
                JsonToken first = p.nextToken();
                raw = first == null || first == JsonToken.VALUE_NULL
                        ? PrometheusConfig.DEFAULT
                        : READER.readValue(p);
            } catch (IOException e) {
                throw Problems.toConfigException(fileName, e, p);
            } catch (RuntimeException e) {
                // a loader bug or a parser limit; still the operator's file that cannot be used
                throw new ConfigException(fileName, 0, 0, "cannot parse: " + e, e);
            }
            return Validation.resolve(raw, fileName, p);
        } catch (IOException e) {
            // only creating or closing a parser over a String could get here, and neither does
            throw new ConfigException(fileName, 0, 0, e.toString(), e);
        }
    }
}
