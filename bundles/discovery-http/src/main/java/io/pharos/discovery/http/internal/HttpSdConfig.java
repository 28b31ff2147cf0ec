package io.pharos.discovery.http.internal;

import io.pharos.config.Durations;
import io.pharos.config.HttpClientConfig;
import io.pharos.spi.model.PluginConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One {@code http_sd_configs} entry.
 *
 * @param url the endpoint (http or https) answering with a JSON list of target groups
 * @param refreshInterval how often to ask it
 * @param http the HTTP client settings inline in the entry (auth, TLS, proxy, headers)
 */
record HttpSdConfig(URI url, Duration refreshInterval, HttpClientConfig http) {
    static final Duration DEFAULT_REFRESH = Duration.ofSeconds(60);

    /** Validates a raw entry without resolving relative file paths. */
    static HttpSdConfig parse(Map<String, Object> raw) throws PluginConfigException {
        return parse(raw, null);
    }

    /**
     * Validates a raw entry; the messages are Prometheus'.
     *
     * @param configDir the directory relative {@code *_file} paths resolve against, or null
     */
    static HttpSdConfig parse(Map<String, Object> raw, Path configDir) throws PluginConfigException {
        for (String key : raw.keySet()) {
            if (!key.equals("url") && !key.equals("refresh_interval") && !HttpClientConfig.FIELDS.contains(key)) {
                throw new PluginConfigException("field " + key + " not found in type http.plain");
            }
        }
        Object rawUrl = raw.get("url");
        if (rawUrl == null || rawUrl.toString().isEmpty()) {
            throw new PluginConfigException("URL is missing");
        }
        URI url;
        try {
            url = new URI(rawUrl.toString());
        } catch (URISyntaxException e) {
            throw new PluginConfigException("url: " + e.getMessage(), e);
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new PluginConfigException("URL scheme must be 'http' or 'https'");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new PluginConfigException("host is missing in URL");
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
        HttpClientConfig http;
        try {
            http = HttpClientConfig.fromYaml(raw, configDir);
        } catch (IllegalArgumentException e) {
            throw new PluginConfigException(e.getMessage(), e);
        }
        return new HttpSdConfig(url, refresh, http);
    }
}
