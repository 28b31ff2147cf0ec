package io.pharos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.config.HttpClientConfig.Header;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpClientConfigTest {

    /** A scrape config with these lines inline (each indented as a scrape_config key, from line 3). */
    private static String job(String... lines) {
        StringBuilder sb = new StringBuilder("scrape_configs:\n  - job_name: j\n");
        for (String l : lines) {
            sb.append("    ").append(l).append('\n');
        }
        return sb.toString();
    }

    private static HttpClientConfig parse(String... lines) throws ConfigException {
        return ConfigLoader.parse(job(lines), "p.yml").scrapeConfigs().get(0).httpClientConfig(null);
    }

    /** Loading fails with this reason, positioned at the key on {@code line} (1-based in the file). */
    private static void fails(String reason, int line, String... lines) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(job(lines), "p.yml"));
        assertEquals(reason, e.reason());
        assertEquals(line, e.line(), e.getMessage());
    }

    @Test
    void defaults() throws Exception {
        HttpClientConfig c = parse();
        assertEquals(HttpClientConfig.DEFAULT, c);
        assertTrue(c.followRedirects());
        assertTrue(c.enableHttp2());
        assertNull(c.basicAuth());
        assertNull(c.authorization());
        assertFalse(c.tlsConfig().insecureSkipVerify());
        assertTrue(ConfigLoader.parse(job(), "p.yml").scrapeConfigs().get(0).enableCompression());
        assertFalse(ConfigLoader.parse(job("enable_compression: false"), "p.yml").scrapeConfigs().get(0)
                .enableCompression());
    }

    @Test
    void readsEveryField(@TempDir Path dir) throws Exception {
        HttpClientConfig c = parse("basic_auth: {username: u, password_file: pw}",
                "tls_config: {ca_file: ca.pem, cert: CERT, key: KEY, server_name: s.example, insecure_skip_verify: true,",
                "  min_version: TLS12, max_version: TLS13}",
                "follow_redirects: false", "enable_http2: false",
                "proxy_url: http://proxy:3128", "no_proxy: 10.0.0.0/8,.internal",
                "http_headers: {X-A: {values: [a, b], secrets: [s], files: [/abs/h]}}");
        assertEquals(new HttpClientConfig.BasicAuth("u", Path.of("pw"), null, null).username(), c.basicAuth().username());
        assertEquals(Path.of("pw"), c.basicAuth().passwordFile());
        assertEquals(Path.of("ca.pem"), c.tlsConfig().caFile());
        assertEquals("CERT", c.tlsConfig().cert());
        assertEquals(new Secret("KEY"), c.tlsConfig().key());
        assertEquals("s.example", c.tlsConfig().serverName());
        assertTrue(c.tlsConfig().insecureSkipVerify());
        assertEquals("TLS12", c.tlsConfig().minVersion());
        assertEquals("TLS13", c.tlsConfig().maxVersion());
        assertFalse(c.followRedirects());
        assertFalse(c.enableHttp2());
        assertEquals(URI.create("http://proxy:3128"), c.proxyUrl());
        assertEquals("10.0.0.0/8,.internal", c.noProxy());
        assertEquals(new Header(List.of("a", "b"), List.of(new Secret("s")), List.of(Path.of("/abs/h"))),
                c.httpHeaders().get("X-A"));

        // relative files resolve against the configuration's directory, absolute ones stay
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, job("bearer_token_file: token", "http_headers: {X-A: {files: [/abs/h, rel/h]}}"));
        HttpClientConfig resolved = ConfigLoader.load(file).scrapeConfigs().get(0).httpClientConfig(dir);
        assertEquals(dir.resolve("token"), resolved.authorization().credentialsFile());
        assertEquals(List.of(Path.of("/abs/h"), dir.resolve("rel/h")), resolved.httpHeaders().get("X-A").files());
    }

    @Test
    void bearerTokenBecomesAuthorization() throws Exception {
        HttpClientConfig.Authorization a = parse("bearer_token: t0k").authorization();
        assertEquals("Bearer", a.type());
        assertEquals("t0k", a.credentials().value());
        assertEquals(Path.of("f"), parse("bearer_token_file: f").authorization().credentialsFile());
        assertEquals("Bearer", parse("authorization: {credentials: x}").authorization().type());
        assertEquals("Token", parse("authorization: {type: ' Token ', credentials_file: f}").authorization().type());
    }

    @Test
    void secretsNeverPrint() throws Exception {
        HttpClientConfig c = parse("basic_auth: {username: u, password: hunter2}");
        assertEquals("<secret>", new Secret("hunter2").toString());
        assertFalse(c.toString().contains("hunter2"), c.toString());
        assertFalse(parse("bearer_token: abc123").toString().contains("abc123"));
    }

    @Test
    void authenticationIsExclusive() {
        fails("at most one of bearer_token & bearer_token_file must be configured", 3,
                "bearer_token: a", "bearer_token_file: b");
        fails("at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured", 3,
                "basic_auth: {username: u}", "bearer_token: a");
        fails("at most one of basic_auth username, username_file & username_ref must be configured", 3,
                "basic_auth: {username: u, username_file: f}");
        fails("at most one of basic_auth password, password_file & password_ref must be configured", 3,
                "basic_auth: {password: p, password_file: f}");
        fails("authorization is not compatible with bearer_token & bearer_token_file", 4,
                "bearer_token: a", "authorization: {credentials: b}");
        fails("at most one of authorization credentials & credentials_file must be configured", 3,
                "authorization: {credentials: a, credentials_file: f}");
        fails("authorization type cannot be set to \"basic\", use \"basic_auth\" instead", 3,
                "authorization: {type: Basic, credentials: a}");
        fails("at most one of basic_auth, oauth2 & authorization must be configured", 4,
                "basic_auth: {username: u}", "authorization: {credentials: a}");
    }

    @Test
    void oauth2IsValidatedThenRejected() {
        fails("oauth2 client_id must be configured", 3, "oauth2: {token_url: http://t/}");
        fails("oauth2 token_url must be configured", 3, "oauth2: {client_id: c}");
        fails("at most one of oauth2 client_secret, client_secret_file & client_secret_ref must be configured", 3,
                "oauth2: {client_id: c, token_url: http://t/, client_secret: s, client_secret_file: f}");
        fails("at most one of basic_auth, oauth2 & authorization must be configured", 4,
                "basic_auth: {username: u}", "oauth2: {client_id: c, token_url: http://t/}");
        fails("oauth2 is not supported yet", 3, "oauth2: {client_id: c, client_secret: s, token_url: http://t/}");
    }

    @Test
    void tlsConfig() {
        fails("at most one of ca, ca_file & ca_ref must be configured", 3, "tls_config: {ca: x, ca_file: f}");
        fails("at most one of cert, cert_file & cert_ref must be configured", 3,
                "tls_config: {cert: x, cert_file: f, key: k}");
        fails("at most one of key and key_file must be configured", 3, "tls_config: {cert: c, key: x, key_file: f}");
        fails("exactly one of key or key_file must be configured when a client certificate is configured", 3,
                "tls_config: {cert_file: c}");
        fails("exactly one of cert or cert_file must be configured when a client key is configured", 3,
                "tls_config: {key_file: k}");
        fails("unknown TLS version: TLS14", 3, "tls_config: {min_version: TLS14}");
        fails("tls_config.max_version must be greater than or equal to tls_config.min_version if both are specified",
                3, "tls_config: {min_version: TLS13, max_version: TLS12}");
        fails("field sni not found in type tls_config", 3, "tls_config: {sni: x}");
        fails("insecure_skip_verify: expected a boolean, got \"yes please\"", 3,
                "tls_config: {insecure_skip_verify: yes please}");
    }

    @Test
    void proxy() {
        fails("if proxy_from_environment is configured, proxy_url must not be configured", 4,
                "proxy_url: http://p:1", "proxy_from_environment: true");
        fails("if proxy_from_environment is configured, no_proxy must not be configured", 3,
                "proxy_from_environment: true", "no_proxy: x");
        fails("if no_proxy is configured, proxy_url must also be configured", 3, "no_proxy: x");
        fails("if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured", 3,
                "proxy_connect_header: {X: [y]}");
        fails("proxy_connect_header is not supported yet", 4,
                "proxy_url: http://p:1", "proxy_connect_header: {X: [y]}");
        fails("invalid proxy_url \"http://a b\": Illegal character in authority", 3, "proxy_url: http://a b");
        fails("proxy_url \"socks5://p:1\": only http:// proxies are supported yet", 3,
                "proxy_url: socks5://p:1");
        fails("proxy_url with credentials is not supported yet", 3, "proxy_url: http://u:p@proxy:1");
    }

    @Test
    void reservedHeadersAreRejected() throws Exception {
        fails("setting header \"Authorization\" is not allowed", 3, "http_headers: {authorization: {values: [x]}}");
        fails("setting header \"X-Prometheus-Scrape-Timeout-Seconds\" is not allowed", 3,
                "http_headers: {x-prometheus-scrape-timeout-seconds: {values: [x]}}");
        fails("setting header \"User-Agent\" is not allowed", 3, "http_headers: {USER-AGENT: {values: [x]}}");
        fails("field value not found in type header", 3, "http_headers: {X-A: {value: x}}");
        fails("http_headers.X-A.values: expected a list of strings, got \"x\"", 3, "http_headers: {X-A: {values: x}}");
        assertEquals(List.of("1"), parse("http_headers: {Accept-Language: {values: [1]}}")
                .httpHeaders().get("Accept-Language").values());
        assertEquals("X-Foo-Bar", HttpClientConfigParser.canonicalHeaderKey("x-fOO-bar"));
    }

    @Test
    void enableCompressionMustBeABoolean() {
        fails("enable_compression: expected a boolean, got gzip", 3, "enable_compression: gzip");
    }
}
