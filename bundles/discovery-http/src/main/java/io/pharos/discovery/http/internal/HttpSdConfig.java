package io.pharos.discovery.http.internal;

import io.pharos.config.Durations;
import io.pharos.spi.model.PluginConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One {@code http_sd_configs} entry.
 *
 * @param url the endpoint (http or https) answering with a JSON list of target groups
 * @param refreshInterval how often to ask it
 */
record HttpSdConfig(URI url, Duration refreshInterval) {
    static final Duration DEFAULT_REFRESH = Duration.ofSeconds(60);
    /** Prometheus' HTTP client settings, inline in the entry: accepted, not applied yet. */
    static final Set<String> HTTP_CLIENT_FIELDS = Set.of("basic_auth", "authorization", "oauth2", "bearer_token",
            "bearer_token_file", "tls_config", "follow_redirects", "enable_http2", "proxy_url", "no_proxy",
            "proxy_from_environment", "proxy_connect_header", "http_headers");

    /** Validates a raw entry; the messages are Prometheus'. */
    static HttpSdConfig parse(Map<String, Object> raw) throws PluginConfigException {
        for (String key : raw.keySet()) {
            if (!key.equals("url") && !key.equals("refresh_interval") && !HTTP_CLIENT_FIELDS.contains(key)) {
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
        return new HttpSdConfig(url, refresh);
    }
}
