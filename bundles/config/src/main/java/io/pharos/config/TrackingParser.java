package io.pharos.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.pharos.spi.util.GoStrings;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Wraps the YAML parser to remember where every node starts (by JSON pointer), so that checks made
 * after binding can still point at a line and column. It also rejects what Jackson would silently
 * get wrong for Prometheus: duplicate keys (reported at the second key) and aliases, which Jackson
 * YAML returns as the anchor name instead of the anchored value.
 *
 * <p>Every token-advancing method funnels through {@link #nextToken()}; the delegate's shortcuts
 * would otherwise bypass the bookkeeping.
 */
final class TrackingParser extends JsonParserDelegate {
    private final Map<String, JsonLocation> starts = new HashMap<>();
    private final Deque<Set<String>> keys = new ArrayDeque<>();

    TrackingParser(JsonParser yaml) {
        super(yaml);
    }

    /** Where the node at {@code pointer} starts: the key for mapping values, else the node itself. */
    JsonLocation locationOf(JsonPointer pointer) {
        return starts.get(pointer.toString());
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken t = delegate.nextToken();
        if (t == null) {
            return null;
        }
        JsonLocation at = delegate.currentTokenLocation();
        if (delegate instanceof YAMLParser y && y.isCurrentAlias()) {
            throw new LocatedProblem("YAML aliases are not supported (*" + delegate.getText() + ")", at);
        }
        switch (t) {
            case START_OBJECT -> keys.push(new HashSet<>());
            case END_OBJECT -> keys.pop();
            case FIELD_NAME -> {
                String name = delegate.currentName();
                if (!keys.isEmpty() && !keys.peek().add(name)) {
                    throw new LocatedProblem("key " + GoStrings.quote(name) + " already set in map", at);
                }
            }
            default -> {
            }
        }
        starts.putIfAbsent(delegate.getParsingContext().pathAsPointer().toString(), at);
        return t;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken t = nextToken();
        return t == JsonToken.FIELD_NAME ? nextToken() : t;
    }

    @Override
    public String nextFieldName() throws IOException {
        return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
    }

    @Override
    public boolean nextFieldName(SerializableString str) throws IOException {
        return nextToken() == JsonToken.FIELD_NAME && str.getValue().equals(currentName());
    }

    @Override
    public String nextTextValue() throws IOException {
        return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
    }

    @Override
    public int nextIntValue(int defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
    }

    @Override
    public long nextLongValue(long defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
    }

    @Override
    public Boolean nextBooleanValue() throws IOException {
        JsonToken t = nextToken();
        return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        JsonToken t = currentToken();
        if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
            return this;
        }
        int depth = 1;
        while (depth > 0) {
            t = nextToken();
            if (t == null) {
                break;
            }
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            }
        }
        return this;
    }
}
