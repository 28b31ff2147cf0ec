package io.pharos.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.util.Map;

/**
 * Turns unknown keys into Prometheus' "field x not found in type y", positioned at the key (Jackson
 * itself would point at the value and name the Java class).
 */
final class UnknownFieldHandler extends DeserializationProblemHandler {
    private static final Map<Class<?>, String> SECTIONS = Map.of(
            PrometheusConfig.class, "config",
            GlobalConfig.class, "global_config",
            ScrapeConfig.class, "scrape_config",
            StaticConfig.class, "static_config");

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
            Object beanOrClass, String propertyName) throws IOException {
        Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
        JsonLocation at = keyLocation(ctxt, p, propertyName);
        String section = SECTIONS.getOrDefault(type, type.getSimpleName());
        throw new LocatedProblem("field " + propertyName + " not found in type " + section, at);
    }

    /**
     * Called either on the live parser, sitting on the value of the unknown key, or (for records,
     * whose creators make Jackson buffer unknown keys) on a replay buffer after the whole mapping
     * was read; then the live parser sits on that mapping's end and its context names the mapping.
     */
    private static JsonLocation keyLocation(DeserializationContext ctxt, JsonParser p, String key) {
        JsonLocation at = null;
        if (p instanceof TrackingParser tp) {
            at = tp.locationOf(p.getParsingContext().pathAsPointer());
        } else if (ctxt.getParser() instanceof TrackingParser tp && tp.currentToken() == JsonToken.END_OBJECT) {
            at = tp.locationOf(tp.getParsingContext().pathAsPointer().appendProperty(key));
        }
        return at != null ? at : p.currentTokenLocation();
    }
}
