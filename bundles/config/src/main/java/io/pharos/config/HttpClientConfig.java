package io.pharos.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP client settings Prometheus shares between scraping, HTTP service discovery, alerting
 * and remote write (prometheus/common's {@code HTTPClientConfig}), validated with Prometheus'
 * rules and messages. In a scrape_config the fields sit inline; {@link #fromYaml} reads only the
 * keys in {@link #FIELDS} from such a mapping.
 *
 * <p>{@code bearer_token} and {@code bearer_token_file} are folded into {@link #authorization()}
 * with type {@code Bearer}, as Prometheus does. Relative {@code *_file} paths are resolved against
 * the configuration file's directory. {@code oauth2} and {@code proxy_connect_header} are
 * validated, then rejected as not supported yet, so a configuration never silently loses them.
 *
 * @param basicAuth {@code basic_auth}, or null
 * @param authorization {@code authorization} (or the bearer token fields), or null
 * @param tlsConfig {@code tls_config}; never null
 * @param followRedirects whether 3xx responses are followed (true by default)
 * @param enableHttp2 whether HTTP/2 may be negotiated over TLS (true by default)
 * @param proxyUrl {@code proxy_url}, or null
 * @param noProxy {@code no_proxy}: comma-separated hosts, domains and CIDRs not to proxy; "" if none
 * @param proxyFromEnvironment whether {@code HTTP(S)_PROXY} and {@code NO_PROXY} choose the proxy
 * @param httpHeaders {@code http_headers}: extra request headers by name
 */
public record HttpClientConfig(BasicAuth basicAuth, Authorization authorization, TlsConfig tlsConfig,
        boolean followRedirects, boolean enableHttp2, URI proxyUrl, String noProxy, boolean proxyFromEnvironment,
        Map<String, Header> httpHeaders) {

    /** What an absent configuration means. */
    public static final HttpClientConfig DEFAULT =
            new HttpClientConfig(null, null, null, true, true, null, "", false, Map.of());

    /** The keys of an inline HTTP client configuration. */
    public static final Set<String> FIELDS = Set.of("basic_auth", "authorization", "oauth2", "bearer_token",
            "bearer_token_file", "tls_config", "follow_redirects", "enable_http2", "proxy_url", "no_proxy",
            "proxy_from_environment", "proxy_connect_header", "http_headers");

    public HttpClientConfig {
        tlsConfig = tlsConfig == null ? TlsConfig.DEFAULT : tlsConfig;
        noProxy = noProxy == null ? "" : noProxy;
        httpHeaders = httpHeaders == null ? Map.of() : Map.copyOf(httpHeaders);
    }

    /**
     * Reads and validates the HTTP client keys of a raw YAML mapping (other keys are ignored).
     *
     * @param configDir the directory relative {@code *_file} paths are resolved against, or null
     *     to keep them as written
     * @throws IllegalArgumentException with Prometheus' message when the settings are invalid
     */
    public static HttpClientConfig fromYaml(Map<String, ?> raw, Path configDir) {
        return new HttpClientConfigParser(configDir).parse(raw);
    }

    /**
     * {@code basic_auth}: at most one of username and username file, and of password and password
     * file, is set.
     */
    public record BasicAuth(String username, Path usernameFile, Secret password, Path passwordFile) {
    }

    /**
     * {@code authorization}: the header is {@code <type> <credentials>}, the credentials inline or
     * read from a file on every request (so rotated tokens work). Both may be absent (empty
     * credentials).
     */
    public record Authorization(String type, Secret credentials, Path credentialsFile) {
    }

    /**
     * {@code tls_config}. PEM text inline ({@code ca}, {@code cert}, {@code key}) or in files.
     *
     * @param minVersion {@code TLS10} to {@code TLS13}, or null for the client's default
     * @param maxVersion likewise
     */
    public record TlsConfig(String ca, Path caFile, String cert, Path certFile, Secret key, Path keyFile,
            String serverName, boolean insecureSkipVerify, String minVersion, String maxVersion) {
        public static final TlsConfig DEFAULT = new TlsConfig(null, null, null, null, null, null, null, false,
                null, null);

        /** Whether a client certificate is configured (then a key is too). */
        public boolean hasClientCertificate() {
            return cert != null || certFile != null;
        }
    }

    /** One {@code http_headers} entry: each value, secret and file content is sent as a value. */
    public record Header(List<String> values, List<Secret> secrets, List<Path> files) {
        public Header {
            values = values == null ? List.of() : List.copyOf(values);
            secrets = secrets == null ? List.of() : List.copyOf(secrets);
            files = files == null ? List.of() : List.copyOf(files);
        }
    }
}
