package io.pharos.http.internal;

import io.pharos.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pharos' settings under the names of the Prometheus command-line flags they correspond to, for
 * {@code /api/v1/status/flags}. Only settings Pharos really has are reported: those of the HTTP
 * server itself, and those the query engine and the primary storage backend publish as service
 * properties (DS publishes a component's configuration that way).
 */
final class Flags {
    /** Prometheus' default --query.lookback-delta, which the engine uses when none is set. */
    private static final String DEFAULT_LOOKBACK = "5m";

    private volatile Map<String, String> http = Map.of();
    private volatile Map<String, Object> engine = Map.of();
    private volatile Map<String, Object> storage = Map.of();

    /** The HTTP server's own settings. */
    void http(String host, int port, boolean lifecycle, boolean admin) {
        http = Map.of(
                "web.listen-address", (host == null || host.isBlank() ? "0.0.0.0" : host) + ":" + port,
                "web.enable-lifecycle", String.valueOf(lifecycle),
                "web.enable-admin-api", String.valueOf(admin));
    }

    /** The query engine's service properties (empty when it is gone). */
    void engine(Map<String, Object> props) {
        engine = props == null ? Map.of() : Map.copyOf(props);
    }

    /** The primary storage backend's service properties (empty when it is gone). */
    void storage(Map<String, Object> props) {
        storage = props == null ? Map.of() : Map.copyOf(props);
    }

    /** The flags as of now, sorted by name. */
    Map<String, String> current(Path configFile) {
        Map<String, String> out = new TreeMap<>(http);
        if (configFile != null) {
            out.put("config.file", configFile.toString());
        }
        Map<String, Object> e = engine;
        if (!e.isEmpty()) {
            long lookback = longProp(e, "lookback.delta.ms");
            out.put("query.lookback-delta", lookback > 0 ? Durations.format(Duration.ofMillis(lookback))
                    : DEFAULT_LOOKBACK);
            long timeout = longProp(e, "timeout.ms");
            if (timeout > 0) {
                out.put("query.timeout", Durations.format(Duration.ofMillis(timeout)));
            }
            long maxSamples = longProp(e, "max.samples");
            if (maxSamples > 0) {
                out.put("query.max-samples", Long.toString(maxSamples));
            }
        }
        Map<String, Object> s = storage;
        putString(out, "storage.tsdb.path", storagePath(s));
        putString(out, "storage.tsdb.retention.time", string(s.get("retention.time")));
        putString(out, "storage.tsdb.retention.size", string(s.get("retention.size")));
        putString(out, "storage.tsdb.out-of-order-time-window", string(s.get("out.of.order.time.window")));
        return out;
    }

    /** The LMDB backend's directory; empty means its default under Karaf's data directory. */
    private static String storagePath(Map<String, Object> s) {
        if (!s.containsKey("path")) {
            return null;
        }
        String path = string(s.get("path"));
        if (path != null) {
            return path;
        }
        String data = System.getProperty("karaf.data");
        return data == null ? null : Path.of(data, "pharos", "tsdb").toString();
    }

    private static long longProp(Map<String, Object> props, String name) {
        Object v = props.get(name);
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return v == null ? 0 : Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String string(Object v) {
        return v == null || v.toString().isBlank() ? null : v.toString().trim();
    }

    private static void putString(Map<String, String> out, String key, String v) {
        if (v != null) {
            out.put(key, v);
        }
    }
}
