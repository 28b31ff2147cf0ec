package io.pharos.config;

import io.pharos.config.HttpClientConfig.Authorization;
import io.pharos.config.HttpClientConfig.BasicAuth;
import io.pharos.config.HttpClientConfig.Header;
import io.pharos.config.HttpClientConfig.TlsConfig;
import io.pharos.spi.util.GoStrings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an HTTP client configuration from raw YAML values, checking what Prometheus checks, in
 * Prometheus' order and with its messages. Problems are {@link FieldProblem}s naming the top-level
 * key, so the loader can point at it.
 */
final class HttpClientConfigParser {
    /** Headers that change the connection or that Prometheus sets itself (prometheus/common). */
    private static final Set<String> RESERVED_HEADERS = Set.of("Authorization", "Host", "Content-Encoding",
            "Content-Length", "Content-Type", "User-Agent", "Connection", "Keep-Alive", "Proxy-Authenticate",
            "Proxy-Authorization", "Www-Authenticate", "Accept-Encoding", "X-Prometheus-Remote-Write-Version",
            "X-Prometheus-Remote-Read-Version", "X-Prometheus-Scrape-Timeout-Seconds", "X-Amz-Date",
            "X-Amz-Security-Token", "X-Amz-Content-Sha256");
    private static final Set<String> TLS_VERSIONS = Set.of("TLS10", "TLS11", "TLS12", "TLS13");
    private static final Set<String> BASIC_AUTH_KEYS = Set.of("username", "username_file", "password",
            "password_file");
    private static final Set<String> AUTHORIZATION_KEYS = Set.of("type", "credentials", "credentials_file");
    private static final Set<String> TLS_KEYS = Set.of("ca", "ca_file", "cert", "cert_file", "key", "key_file",
            "server_name", "insecure_skip_verify", "min_version", "max_version");
    private static final Set<String> OAUTH2_KEYS = Set.of("client_id", "client_secret", "client_secret_file",
            "scopes", "token_url", "endpoint_params", "tls_config", "proxy_url", "no_proxy",
            "proxy_from_environment", "proxy_connect_header");
    private static final Set<String> HEADER_KEYS = Set.of("values", "secrets", "files");

    /** A problem with the value under a top-level key. */
    static final class FieldProblem extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        FieldProblem(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private final Path dir;

    HttpClientConfigParser(Path dir) {
        this.dir = dir;
    }

    HttpClientConfig parse(Map<String, ?> raw) {
        Map<String, Object> basic = mapping(raw, "basic_auth");
        Map<String, Object> auth = mapping(raw, "authorization");
        Map<String, Object> oauth2 = mapping(raw, "oauth2");
        Map<String, Object> tls = mapping(raw, "tls_config");
        // nested sections are validated as they are read, before the section holding them (as in Go)
        TlsConfig tlsConfig = tls(tls, "tls_config");
        String bearer = string(raw, "bearer_token", "bearer_token");
        String bearerFile = string(raw, "bearer_token_file", "bearer_token_file");
        boolean followRedirects = bool(raw, "follow_redirects", "follow_redirects", true);
        boolean http2 = bool(raw, "enable_http2", "enable_http2", true);
        String proxy = string(raw, "proxy_url", "proxy_url");
        String noProxy = string(raw, "no_proxy", "no_proxy");
        boolean proxyFromEnv = bool(raw, "proxy_from_environment", "proxy_from_environment", false);
        Object connectHeader = raw.get("proxy_connect_header");
        Map<String, Header> headers = headers(raw.get("http_headers"));

        BasicAuth basicAuth = basic == null ? null : basicAuth(basic);
        if (oauth2 != null) {
            checkKeys(oauth2, OAUTH2_KEYS, "oauth2", "oauth2");
        }
        if (auth != null) {
            checkKeys(auth, AUTHORIZATION_KEYS, "authorization", "authorization");
        }

        if (bearer != null && bearerFile != null) {
            throw new FieldProblem("bearer_token", "at most one of bearer_token & bearer_token_file must be configured");
        }
        if ((basic != null || oauth2 != null) && (bearer != null || bearerFile != null)) {
            throw new FieldProblem(basic != null ? "basic_auth" : "oauth2",
                    "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
        }
        if (basicAuth != null && basicAuth.username() != null && basicAuth.usernameFile() != null) {
            throw new FieldProblem("basic_auth",
                    "at most one of basic_auth username, username_file & username_ref must be configured");
        }
        if (basicAuth != null && basicAuth.password() != null && basicAuth.passwordFile() != null) {
            throw new FieldProblem("basic_auth",
                    "at most one of basic_auth password, password_file & password_ref must be configured");
        }
        Authorization authorization = null;
        if (auth != null) {
            if (bearer != null || bearerFile != null) {
                throw new FieldProblem("authorization",
                        "authorization is not compatible with bearer_token & bearer_token_file");
            }
            String credentials = string(auth, "credentials", "authorization");
            Path credentialsFile = file(auth, "credentials_file", "authorization");
            if (credentials != null && credentialsFile != null) {
                throw new FieldProblem("authorization",
                        "at most one of authorization credentials & credentials_file must be configured");
            }
            String type = string(auth, "type", "authorization");
            type = type == null || type.isBlank() ? "Bearer" : type.strip();
            if (type.toLowerCase(Locale.ROOT).equals("basic")) {
                throw new FieldProblem("authorization",
                        "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
            }
            if (basic != null || oauth2 != null) {
                throw new FieldProblem("authorization",
                        "at most one of basic_auth, oauth2 & authorization must be configured");
            }
            authorization = new Authorization(type, secret(credentials), credentialsFile);
        } else if (bearer != null) {
            authorization = new Authorization("Bearer", new Secret(bearer), null);
        } else if (bearerFile != null) {
            authorization = new Authorization("Bearer", null, resolve(bearerFile, "bearer_token_file"));
        }
        if (oauth2 != null) {
            oauth2(oauth2, basic != null);
        }

        URI proxyUrl = proxy == null ? null : proxyUrl(proxy);
        if (connectHeader != null && !proxyFromEnv && proxyUrl == null) {
            throw new FieldProblem("proxy_connect_header",
                    "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured");
        }
        if (proxyFromEnv && proxyUrl != null) {
            throw new FieldProblem("proxy_from_environment",
                    "if proxy_from_environment is configured, proxy_url must not be configured");
        }
        if (proxyFromEnv && noProxy != null) {
            throw new FieldProblem("proxy_from_environment",
                    "if proxy_from_environment is configured, no_proxy must not be configured");
        }
        if (proxyUrl == null && noProxy != null) {
            throw new FieldProblem("no_proxy", "if no_proxy is configured, proxy_url must also be configured");
        }
        for (String name : headers.keySet()) {
            String canonical = canonicalHeaderKey(name);
            if (RESERVED_HEADERS.contains(canonical)) {
                throw new FieldProblem("http_headers", "setting header " + GoStrings.quote(canonical) + " is not allowed");
            }
        }
        if (connectHeader != null) {
            // the JDK client cannot add headers to a proxy CONNECT
            throw new FieldProblem("proxy_connect_header", "proxy_connect_header is not supported yet");
        }
        return new HttpClientConfig(basicAuth, authorization, tlsConfig, followRedirects, http2, proxyUrl,
                noProxy, proxyFromEnv, headers);
    }

    private BasicAuth basicAuth(Map<String, Object> m) {
        checkKeys(m, BASIC_AUTH_KEYS, "basic_auth", "basic_auth");
        return new BasicAuth(string(m, "username", "basic_auth"), file(m, "username_file", "basic_auth"),
                secret(string(m, "password", "basic_auth")), file(m, "password_file", "basic_auth"));
    }

    private void oauth2(Map<String, Object> m, boolean withBasicAuth) {
        if (withBasicAuth) {
            throw new FieldProblem("oauth2", "at most one of basic_auth, oauth2 & authorization must be configured");
        }
        if (string(m, "client_id", "oauth2") == null) {
            throw new FieldProblem("oauth2", "oauth2 client_id must be configured");
        }
        if (string(m, "token_url", "oauth2") == null) {
            throw new FieldProblem("oauth2", "oauth2 token_url must be configured");
        }
        if (string(m, "client_secret", "oauth2") != null && string(m, "client_secret_file", "oauth2") != null) {
            throw new FieldProblem("oauth2",
                    "at most one of oauth2 client_secret, client_secret_file & client_secret_ref must be configured");
        }
        throw new FieldProblem("oauth2", "oauth2 is not supported yet");
    }

    private TlsConfig tls(Map<String, Object> m, String field) {
        if (m == null) {
            return TlsConfig.DEFAULT;
        }
        checkKeys(m, TLS_KEYS, "tls_config", field);
        String ca = string(m, "ca", field);
        Path caFile = file(m, "ca_file", field);
        String cert = string(m, "cert", field);
        Path certFile = file(m, "cert_file", field);
        String key = string(m, "key", field);
        Path keyFile = file(m, "key_file", field);
        if (ca != null && caFile != null) {
            throw new FieldProblem(field, "at most one of ca, ca_file & ca_ref must be configured");
        }
        if (cert != null && certFile != null) {
            throw new FieldProblem(field, "at most one of cert, cert_file & cert_ref must be configured");
        }
        if (key != null && keyFile != null) {
            throw new FieldProblem(field, "at most one of key and key_file must be configured");
        }
        boolean usingCert = cert != null || certFile != null;
        boolean usingKey = key != null || keyFile != null;
        if (usingCert && !usingKey) {
            throw new FieldProblem(field,
                    "exactly one of key or key_file must be configured when a client certificate is configured");
        }
        if (usingKey && !usingCert) {
            throw new FieldProblem(field,
                    "exactly one of cert or cert_file must be configured when a client key is configured");
        }
        String min = tlsVersion(m, "min_version", field);
        String max = tlsVersion(m, "max_version", field);
        if (min != null && max != null && max.compareTo(min) < 0) {
            throw new FieldProblem(field, "tls_config.max_version must be greater than or equal to "
                    + "tls_config.min_version if both are specified");
        }
        return new TlsConfig(ca, caFile, cert, certFile, secret(key), keyFile, string(m, "server_name", field),
                bool(m, "insecure_skip_verify", field, false), min, max);
    }

    private String tlsVersion(Map<String, Object> m, String key, String field) {
        String v = string(m, key, field);
        if (v != null && !TLS_VERSIONS.contains(v)) {
            throw new FieldProblem(field, "unknown TLS version: " + v);
        }
        return v;
    }

    private static URI proxyUrl(String s) {
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new FieldProblem("proxy_url", "invalid proxy_url " + GoStrings.quote(s) + ": " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            // the JDK client speaks plain HTTP to its proxies: no TLS to the proxy, no SOCKS
            throw new FieldProblem("proxy_url", "proxy_url " + GoStrings.quote(s)
                    + ": only http:// proxies are supported yet");
        }
        if (uri.getHost() == null) {
            throw new FieldProblem("proxy_url", "invalid proxy_url " + GoStrings.quote(s) + ": no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new FieldProblem("proxy_url", "proxy_url with credentials is not supported yet");
        }
        return uri;
    }

    private Map<String, Header> headers(Object raw) {
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?> all)) {
            throw new FieldProblem("http_headers", "http_headers: expected a mapping of header names");
        }
        Map<String, Header> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : all.entrySet()) {
            String name = String.valueOf(e.getKey());
            Map<String, Object> h = asMapping(e.getValue(), "http_headers", "http_headers." + name);
            if (h == null) {
                out.put(name, new Header(null, null, null));
                continue;
            }
            checkKeys(h, HEADER_KEYS, "header", "http_headers");
            List<Path> files = new ArrayList<>();
            for (String f : strings(h.get("files"), "http_headers." + name + ".files")) {
                files.add(resolve(f, "http_headers"));
            }
            List<Secret> secrets = new ArrayList<>();
            for (String s : strings(h.get("secrets"), "http_headers." + name + ".secrets")) {
                secrets.add(new Secret(s));
            }
            out.put(name, new Header(strings(h.get("values"), "http_headers." + name + ".values"), secrets, files));
        }
        return out;
    }

    /** Go's {@code http.CanonicalHeaderKey}: {@code x-foo-bar} is {@code X-Foo-Bar}. */
    static String canonicalHeaderKey(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c > 0x7e) {
                return name; // not a token: Go leaves such names alone
            }
            sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return sb.toString();
    }

    // ---- raw YAML values

    private static Map<String, Object> mapping(Map<String, ?> m, String key) {
        return asMapping(m.get(key), key, key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMapping(Object v, String field, String what) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map)) {
            throw new FieldProblem(field, what + ": expected a mapping, got " + describe(v));
        }
        return (Map<String, Object>) v;
    }

    private static void checkKeys(Map<String, Object> m, Set<String> allowed, String type, String field) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw new FieldProblem(field, "field " + k + " not found in type " + type);
            }
        }
    }

    /** A scalar as Go's YAML decoder gives it to a string field; empty is absent, as in Prometheus. */
    private static String string(Map<String, ?> m, String key, String field) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            throw new FieldProblem(field, key + ": expected a string, got " + describe(v));
        }
        String s = String.valueOf(v);
        return s.isEmpty() ? null : s;
    }

    private static boolean bool(Map<String, ?> m, String key, String field, boolean dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean b)) {
            throw new FieldProblem(field, key + ": expected a boolean, got " + describe(v));
        }
        return b;
    }

    private static List<String> strings(Object v, String what) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new FieldProblem("http_headers", what + ": expected a list of strings, got " + describe(v));
        }
        List<String> out = new ArrayList<>(l.size());
        for (Object x : l) {
            if (x == null || x instanceof Map || x instanceof List) {
                throw new FieldProblem("http_headers", what + ": expected a list of strings, got " + describe(x));
            }
            out.add(String.valueOf(x));
        }
        return out;
    }

    private Path file(Map<String, ?> m, String key, String field) {
        String s = string(m, key, field);
        return s == null ? null : resolve(s, field);
    }

    /** Go's {@code JoinDir}: relative paths are relative to the configuration file's directory. */
    private Path resolve(String s, String field) {
        try {
            Path p = Path.of(s);
            return dir == null || p.isAbsolute() ? p : dir.resolve(p);
        } catch (InvalidPathException e) {
            throw new FieldProblem(field, "invalid file name " + GoStrings.quote(s) + ": " + e.getReason());
        }
    }

    private static Secret secret(String s) {
        return s == null ? null : new Secret(s);
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        return v instanceof String s ? GoStrings.quote(s) : String.valueOf(v);
    }
}
