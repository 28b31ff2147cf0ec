package io.pharos.discovery.file.internal;

import io.pharos.config.Durations;
import io.pharos.spi.model.PluginConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code file_sd_configs} entry.
 *
 * @param files the file patterns, resolved against the config directory; a glob may appear in the
 *              last path element only
 * @param refreshInterval how often the files are re-read besides on change events
 */
record FileSdConfig(List<Path> files, Duration refreshInterval) {
    static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);
    /** Prometheus' rule: a `*` only in the last element, and a JSON or YAML extension. */
    private static final Pattern VALID_NAME = Pattern.compile("^[^*]*(\\*[^/]*)?\\.(json|yml|yaml|JSON|YML|YAML)$");

    FileSdConfig {
        files = List.copyOf(files);
    }

    /** Validates a raw entry; errors name the field, as Prometheus' config loader does. */
    static FileSdConfig parse(Map<String, Object> raw, Path configDirectory) throws PluginConfigException {
        for (String key : raw.keySet()) {
            if (!key.equals("files") && !key.equals("refresh_interval")) {
                throw new PluginConfigException("field " + key + " not found in type file.plain");
            }
        }
        Object files = raw.get("files");
        if (files != null && !(files instanceof List)) {
            throw new PluginConfigException("files must be a list of path names");
        }
        List<?> names = files == null ? List.of() : (List<?>) files;
        if (names.isEmpty()) {
            throw new PluginConfigException("file service discovery config must contain at least one path name");
        }
        List<Path> paths = new ArrayList<>(names.size());
        for (Object name : names) {
            if (!(name instanceof String s) || !VALID_NAME.matcher(s).matches()) {
                throw new PluginConfigException("path name \"" + name + "\" is not valid for file discovery");
            }
            paths.add(configDirectory.resolve(s));
        }
        Duration refresh = DEFAULT_REFRESH;
        Object interval = raw.get("refresh_interval");
        if (interval != null) {
            try {
                refresh = Durations.parse(interval.toString());
            } catch (IllegalArgumentException e) {
                throw new PluginConfigException("refresh_interval: " + e.getMessage(), e);
            }
            if (refresh.isZero()) {
                throw new PluginConfigException("refresh_interval must be greater than 0");
            }
        }
        return new FileSdConfig(paths, refresh);
    }
}
