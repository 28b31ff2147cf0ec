package io.pharos.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.pharos.config.ConfigLoader;
import io.pharos.config.HttpClientConfig;
import io.pharos.testkit.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests to an HTTPS server on 127.0.0.1 with each kind of HTTP client setting. */
class HttpClientsTest {
    @TempDir
    static Path pkiDir;
    static TestPki pki;
    static TestPki.Leaf ipServer;
    static TestPki.Leaf namedServer;
    static TestPki.Leaf client;

    @TempDir
    Path dir;
    private HttpsServer server;
    /** The Authorization the server requires; null: none. */
    private final AtomicReference<String> requiredAuth = new AtomicReference<>();
    private final Map<String, List<String>> seen = new ConcurrentHashMap<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TestPki(pkiDir);
        ipServer = pki.issue("ip-server", "ip:127.0.0.1");
        namedServer = pki.issue("named-server", "dns:scrape.test");
        client = pki.issue("client", null);
        Files.writeString(pkiDir.resolve("ca.pem"), pki.caPem);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void serve(TestPki.Leaf cert, boolean needClientCert) throws Exception {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext(cert)) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setNeedClientAuth(needClientCert);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", exchange -> {
            exchange.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(), List.copyOf(v)));
            String want = requiredAuth.get();
            boolean ok = want == null || want.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(ok ? 200 : 401, -1);
            exchange.close();
        });
        server.start();
    }

    /** The settings of an http_config written as the inline YAML lines of a scrape config. */
    private HttpClientConfig config(String... lines) throws Exception {
        StringBuilder yaml = new StringBuilder("scrape_configs:\n  - job_name: j\n");
        for (String l : lines) {
            yaml.append("    ").append(l).append('\n');
        }
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file).scrapeConfigs().get(0).httpClientConfig(dir);
    }

    /** GETs the server's root with a client of these settings: "200", "401", or the failure. */
    private String get(ConfiguredClient c) throws Exception {
        URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET();
        try {
            c.decorator().decorate(request, url);
            return Integer.toString(c.http().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " / " + e.getCause().getMessage());
        }
    }

    private String get(String... lines) throws Exception {
        return get(new HttpClients(null).client(config(lines), true));
    }

    private static String ca() {
        return "tls_config: {ca_file: " + pkiDir.resolve("ca.pem") + "}";
    }

    @Test
    void basicAuth() throws Exception {
        serve(ipServer, false);
        requiredAuth.set("Basic " + Base64.getEncoder().encodeToString("user:s3cret".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("password"), "s3cret\n");
        assertEquals("200", get(ca(), "basic_auth: {username: user, password_file: password}"));
        assertEquals("401", get(ca(), "basic_auth: {username: user, password: nope}"));
        assertEquals("401", get(ca()));
    }

    @Test
    void credentialsFileIsReadOnEveryRequest() throws Exception {
        serve(ipServer, false);
        Path token = dir.resolve("token");
        Files.writeString(token, "first\n");
        ConfiguredClient c = new HttpClients(null).client(config(ca(), "authorization: {credentials_file: token}"), true);
        requiredAuth.set("Bearer first");
        assertEquals("200", get(c));
        Files.writeString(token, "second");
        requiredAuth.set("Bearer second");
        assertEquals("200", get(c));
        Files.delete(token);
        assertTrue(get(c).startsWith("unable to read authorization credentials: unable to read file " + token + ": open "
                + token + ": no such file or directory"));
    }

    @Test
    void clientCertificate() throws Exception {
        serve(ipServer, true);
        Files.writeString(dir.resolve("client.pem"), client.certPem());
        Files.writeString(dir.resolve("client.key"), client.keyPem());
        assertFalse(get(ca()).equals("200"), "the server requires a client certificate");
        assertEquals("200", get("tls_config: {ca_file: " + pkiDir.resolve("ca.pem")
                + ", cert_file: client.pem, key_file: client.key}"));
    }

    @Test
    void serverNameIsVerifiedInsteadOfTheAddress() throws Exception {
        serve(namedServer, false);
        String error = get(ca());
        assertTrue(error.contains("x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs"),
                error);
        assertEquals("200", get("tls_config: {ca_file: " + pkiDir.resolve("ca.pem") + ", server_name: scrape.test}"));
        error = get("tls_config: {ca_file: " + pkiDir.resolve("ca.pem") + ", server_name: other.test}");
        assertTrue(error.contains("x509: certificate is valid for scrape.test, not other.test"), error);
    }

    @Test
    void insecureSkipVerify() throws Exception {
        serve(namedServer, false);
        assertFalse(get().equals("200"), "the test CA is not a system root");
        assertEquals("200", get("tls_config: {insecure_skip_verify: true}"));
    }

    @Test
    void headersAndCompression() throws Exception {
        serve(ipServer, false);
        Files.writeString(dir.resolve("tenant"), " team-a \n");
        HttpClients clients = new HttpClients(null);
        assertEquals("200", get(clients.client(config(ca(),
                "http_headers: {X-Scope: {values: [v1], secrets: [s1], files: [tenant]}}"), false)));
        assertEquals(List.of("identity"), seen.get("accept-encoding"));
        assertEquals(List.of("v1", "s1", "team-a"), seen.get("x-scope"));
        assertEquals("200", get(clients.client(config(ca()), true)));
        assertEquals(List.of("gzip"), seen.get("accept-encoding"));
        Files.delete(dir.resolve("tenant"));
        Path tenant = dir.resolve("tenant");
        assertTrue(get(ca(), "http_headers: {X-Scope: {files: [tenant]}}").startsWith("unable to read headers file "
                + tenant + ": unable to read file " + tenant + ": open " + tenant + ": no such file or directory"));
    }

    @Test
    void oneClientPerDistinctConfiguration() throws Exception {
        HttpClients clients = new HttpClients(null);
        HttpClientConfig a = config("bearer_token: x");
        HttpClientConfig c = config("bearer_token: y");
        ConfiguredClient ca = clients.client(a, true);
        assertSame(ca.http(), clients.client(config("bearer_token: x"), false).http(),
                "same client settings share the client");
        assertFalse(ca.equals(clients.client(a, false)), "but not the request settings");
        assertEquals(ca, clients.client(a, true), "unchanged settings keep their client across reloads");
        ConfiguredClient cc = clients.client(c, true);
        assertNotSame(ca.http(), cc.http());
        assertEquals(2, clients.size());
        clients.retainOnly(List.of(cc));
        assertEquals(1, clients.size());
        assertNotSame(ca.http(), clients.client(a, true).http(), "a dropped client is built anew");
    }

    @Test
    void manyEndpointsSpreadOverShardsOfTheSameSettings() throws Exception {
        assertEquals(1, HttpClients.shardsFor(0));
        assertEquals(1, HttpClients.shardsFor(64));
        assertEquals(2, HttpClients.shardsFor(65));
        assertEquals(2, HttpClients.shardsFor(128));
        assertEquals(4, HttpClients.shardsFor(129));
        assertEquals(16, HttpClients.shardsFor(1000));
        HttpClients clients = new HttpClients(null);
        HttpClientConfig a = config("bearer_token: x");
        ConfiguredClient s0 = clients.client(a, true, 0);
        ConfiguredClient s1 = clients.client(a, true, 1);
        assertNotSame(s0.http(), s1.http(), "each shard has its own connection pool");
        assertSame(s1.http(), clients.client(a, true, 1).http());
        assertEquals(s0.decorator(), s1.decorator(), "shards share the request settings");
        assertSame(s0.http(), clients.client(a, true).http(), "shard 0 is the unsharded client");
        assertEquals(2, clients.size());
        clients.retainOnly(List.of(s0));
        assertEquals(2, clients.size(), "every shard of settings in use is kept");
    }

    @Test
    void unreadableTlsMaterialFails() throws Exception {
        HttpClientConfig cfg = config("tls_config: {ca_file: missing.pem}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HttpClients(null).client(cfg, true));
        Path missing = dir.resolve("missing.pem");
        assertEquals("unable to read CA cert: unable to read file " + missing + ": open " + missing
                + ": no such file or directory", e.getMessage());
    }

    @Test
    void noProxyRules() {
        assertTrue(ProxySelectors.bypass("", "localhost", 80), "loopback is never proxied");
        assertTrue(ProxySelectors.bypass("", "127.0.0.1", 80));
        assertTrue(ProxySelectors.bypass("example.com", "example.com", 80));
        assertTrue(ProxySelectors.bypass("example.com", "a.example.com", 80));
        assertFalse(ProxySelectors.bypass(".example.com", "example.com", 80));
        assertTrue(ProxySelectors.bypass("*.example.com", "b.example.com", 80));
        assertFalse(ProxySelectors.bypass("example.com", "notexample.com", 80));
        assertTrue(ProxySelectors.bypass("10.0.0.0/8", "10.1.2.3", 80));
        assertFalse(ProxySelectors.bypass("10.0.0.0/8", "11.1.2.3", 80));
        assertTrue(ProxySelectors.bypass("host:9100", "host", 9100));
        assertFalse(ProxySelectors.bypass("host:9100", "host", 9090));
        assertTrue(ProxySelectors.bypass("*", "anything", 1));
    }
}
