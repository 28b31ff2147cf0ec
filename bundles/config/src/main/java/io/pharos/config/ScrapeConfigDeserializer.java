package io.pharos.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a scrape_config by hand: which keys are allowed depends on the name ({@code *_sd_configs})
 * and on a list of known-but-untyped fields, which annotations cannot express.
 */
final class ScrapeConfigDeserializer extends StdDeserializer<ScrapeConfig> {
    private static final long serialVersionUID = 1L;
    private static final JavaType PARAMS = TypeFactory.defaultInstance().constructMapType(
            LinkedHashMap.class,
            TypeFactory.defaultInstance().constructType(String.class),
            TypeFactory.defaultInstance().constructCollectionType(List.class, String.class));
    private static final JavaType RAW_MAP =
            TypeFactory.defaultInstance().constructMapType(LinkedHashMap.class, String.class, Object.class);
    private static final JavaType STATIC = TypeFactory.defaultInstance().constructType(StaticConfig.class);

    ScrapeConfigDeserializer() {
        super(ScrapeConfig.class);
    }

    @Override
    public ScrapeConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return (ScrapeConfig) ctxt.handleUnexpectedToken(ScrapeConfig.class, p);
        }
        JsonLocation start = p.currentTokenLocation();
        Fields f = new Fields();
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
            p.nextToken();
            try {
                read(f, key, p, ctxt);
            } catch (JsonMappingException e) {
                e.prependPath(ScrapeConfig.class, key);
                throw e;
            }
        }
        try {
            return new ScrapeConfig(f.jobName, f.interval, f.timeout, f.metricsPath, f.scheme,
                    f.honorLabels != null && f.honorLabels, f.honorTimestamps == null || f.honorTimestamps,
                    f.params, f.statics, f.sd, f.extra);
        } catch (IllegalArgumentException e) {
            throw new LocatedProblem(e.getMessage(), start);
        }
    }

    private void read(Fields f, String key, JsonParser p, DeserializationContext ctxt) throws IOException {
        switch (key) {
            case "job_name" -> f.jobName = value(p, ctxt, String.class);
            case "scrape_interval" -> f.interval = value(p, ctxt, Duration.class);
            case "scrape_timeout" -> f.timeout = value(p, ctxt, Duration.class);
            case "metrics_path" -> f.metricsPath = value(p, ctxt, String.class);
            case "scheme" -> f.scheme = value(p, ctxt, String.class);
            case "honor_labels" -> f.honorLabels = value(p, ctxt, Boolean.class);
            case "honor_timestamps" -> f.honorTimestamps = value(p, ctxt, Boolean.class);
            case "params" -> f.params = p.currentToken() == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, PARAMS);
            case "static_configs" -> f.statics = sections(p, ctxt, key, STATIC);
            default -> {
                if (key.endsWith(ScrapeConfig.SD_CONFIGS_SUFFIX) && key.length() > ScrapeConfig.SD_CONFIGS_SUFFIX.length()) {
                    String type = key.substring(0, key.length() - ScrapeConfig.SD_CONFIGS_SUFFIX.length());
                    f.sd.put(type, sections(p, ctxt, key, RAW_MAP));
                } else if (ScrapeConfig.EXTRA_FIELDS.contains(key)) {
                    Object v = value(p, ctxt, Object.class);
                    if (v != null) {
                        f.extra.put(key, v);
                    }
                } else {
                    ctxt.handleUnknownProperty(p, this, ScrapeConfig.class, key);
                }
            }
        }
    }

    private static <T> T value(JsonParser p, DeserializationContext ctxt, Class<T> type) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, type);
    }

    /** A list of sections where, as in Prometheus, a null entry is an error at that entry. */
    private static <T> List<T> sections(JsonParser p, DeserializationContext ctxt, String key, JavaType type)
            throws IOException {
        List<T> out = new ArrayList<>();
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return out;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            ctxt.handleUnexpectedToken(List.class, p);
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                throw new LocatedProblem("empty or null section in " + key, p.currentTokenLocation());
            }
            try {
                out.add(ctxt.readValue(p, type));
            } catch (JsonMappingException e) {
                e.prependPath(out, out.size());
                throw e;
            }
        }
        return out;
    }

    /** What has been read so far; null means absent. */
    private static final class Fields {
        String jobName;
        Duration interval;
        Duration timeout;
        String metricsPath;
        String scheme;
        Boolean honorLabels;
        Boolean honorTimestamps;
        Map<String, List<String>> params;
        List<StaticConfig> statics = List.of();
        final Map<String, List<Map<String, Object>>> sd = new LinkedHashMap<>();
        final Map<String, Object> extra = new LinkedHashMap<>();
    }
}
