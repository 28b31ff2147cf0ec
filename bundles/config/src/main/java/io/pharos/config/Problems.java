package io.pharos.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.pharos.spi.util.GoStrings;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Maps what Jackson and snakeyaml throw to a {@link ConfigException} with file, line and column. */
final class Problems {
    /** Prometheus' wording for null list entries, by the list's key. */
    private static final Map<String, String> NULL_ENTRIES = Map.of(
            "scrape_configs", "empty or null scrape config section",
            "remote_write", "empty or null remote write config section",
            "remote_read", "empty or null remote read config section");

    private Problems() {
    }

    static ConfigException toConfigException(String file, IOException e, TrackingParser p) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LocatedProblem lp) {
                return at(file, lp.getLocation(), lp.reason(), e);
            }
            if (t instanceof StreamReadException syntax) {
                // YAML syntax errors may come wrapped in a mapping exception that adds a path
                return at(file, syntax.getLocation(), yamlReason(syntax.getOriginalMessage()), e);
            }
        }
        if (e instanceof JsonMappingException jme) {
            JsonPointer node = pointer(jme.getPath());
            JsonLocation nodeStart = p.locationOf(node);
            IllegalArgumentException invalid = find(jme, IllegalArgumentException.class);
            if (invalid != null) {
                // a record rejected its values: point at the record
                return at(file, known(nodeStart) ? nodeStart : jme.getLocation(), invalid.getMessage(), e);
            }
            if (jme instanceof InvalidNullException inull) {
                String key = inull.getPropertyName() == null ? "" : inull.getPropertyName().getSimpleName();
                return at(file, jme.getLocation(), NULL_ENTRIES.getOrDefault(key, "empty or null entry in " + key), e);
            }
            String where = describe(jme.getPath());
            String reason = jme instanceof MismatchedInputException mie && mie.getTargetType() != null
                    ? "expected " + kind(mie.getTargetType()) + ", got " + found(mie)
                    : firstLine(jme.getOriginalMessage());
            return at(file, known(jme.getLocation()) ? jme.getLocation() : nodeStart,
                    where.isEmpty() ? reason : where + ": " + reason, e);
        }
        if (e instanceof JsonProcessingException jpe) {
            return at(file, jpe.getLocation(), firstLine(jpe.getOriginalMessage()), e);
        }
        return new ConfigException(file, 0, 0, String.valueOf(e.getMessage()), e);
    }

    static ConfigException at(String file, JsonLocation loc, String reason, Throwable cause) {
        int line = loc == null ? 0 : loc.getLineNr();
        int col = loc == null ? 0 : loc.getColumnNr();
        return new ConfigException(file, line, col, reason, cause);
    }

    private static boolean known(JsonLocation loc) {
        return loc != null && loc.getLineNr() > 0;
    }

    private static JsonPointer pointer(List<JsonMappingException.Reference> path) {
        JsonPointer ptr = JsonPointer.empty();
        for (JsonMappingException.Reference r : path) {
            ptr = r.getFieldName() != null ? ptr.appendProperty(r.getFieldName()) : ptr.appendIndex(r.getIndex());
        }
        return ptr;
    }

    /** {@code scrape_configs[0].honor_labels}, as a reader of the file would name the node. */
    private static String describe(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * snakeyaml messages repeat the position and quote the source in extra lines; keep only the
     * "while parsing X" context and the problem itself.
     */
    static String yamlReason(String message) {
        if (message == null) {
            return "invalid YAML";
        }
        StringBuilder sb = new StringBuilder();
        for (String line : message.split("\n")) {
            if (line.isBlank() || line.startsWith(" in ") || line.startsWith("    ")) {
                continue;
            }
            sb.append(sb.isEmpty() ? "" : ": ").append(line.strip());
        }
        return sb.isEmpty() ? message.strip() : sb.toString();
    }

    /** What the reader of the file expected to write, rather than a Java type name. */
    private static String kind(Class<?> type) {
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == Duration.class) {
            return "a duration";
        }
        return type == String.class ? "a string" : type.getSimpleName();
    }

    private static String found(MismatchedInputException e) {
        if (e instanceof InvalidFormatException ife) {
            return ife.getValue() instanceof String s ? GoStrings.quote(s) : String.valueOf(ife.getValue());
        }
        if (!(e.getProcessor() instanceof JsonParser p) || p.currentToken() == null) {
            return "something else";
        }
        try {
            return switch (p.currentToken()) {
                case START_ARRAY -> "a list";
                case START_OBJECT, FIELD_NAME -> "a mapping";
                case VALUE_STRING -> GoStrings.quote(p.getText());
                default -> p.getText();
            };
        } catch (IOException io) {
            return "something else";
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid value";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
