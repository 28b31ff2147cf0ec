package io.pharos.discovery.file.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pharos.spi.discovery.TargetGroup;
import io.pharos.spi.discovery.TargetGroups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reads a target group file: JSON ({@code .json}) or YAML ({@code .yml}, {@code .yaml}). */
final class TargetGroupFiles {
    static final String META_FILEPATH = "__meta_filepath";
    /** Jackson's pointer to where an unclosed value began: noise in a log line. */
    private static final String START_MARKER = " \\(start marker at \\[[^\\]]*\\]\\)";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TargetGroupFiles() {
    }

    /**
     * The groups of a file; group {@code i} has source {@code <file>:<i>} and label
     * {@code __meta_filepath}.
     *
     * @throws IOException when the file cannot be read or parsed; the message says why, with the
     *         position for syntax errors
     */
    static List<TargetGroup> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yml") || name.endsWith(".yaml");
        if (!yaml && !name.endsWith(".json")) {
            throw new IOException("unknown file extension of " + file + ": must be .json, .yml or .yaml");
        }
        byte[] content = Files.readAllBytes(file);
        Object tree;
        try {
            // An empty YAML document is no groups; Jackson would call it missing content.
            tree = yaml && new String(content, java.nio.charset.StandardCharsets.UTF_8).isBlank() ? null
                    : (yaml ? YAML : JSON).readValue(content, Object.class);
        } catch (JsonProcessingException e) {
            throw new IOException(e.getOriginalMessage().replaceAll(START_MARKER, "") + location(e), e);
        }
        try {
            return TargetGroups.fromTree(tree, file.toString(), META_FILEPATH, file.toString(), yaml);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
