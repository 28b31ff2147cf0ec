package io.pharos.scrape.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.pharos.config.ConfigLoader;
import io.pharos.config.ScrapeConfig;
import io.pharos.spi.model.Labels;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.storage.Storage;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scrapes an HTTPS target on 127.0.0.1 with each of the job's HTTP client settings. */
class HttpsScrapeTest {
    @TempDir
    static Path pkiDir;
    static TestPki pki;
    static TestPki.Leaf ipServer;
    static TestPki.Leaf namedServer;
    static TestPki.Leaf client;

    @TempDir
    Path dir;
    private HttpsServer server;
    /** The Authorization the target requires; null: none. */
    private final AtomicReference<String> requiredAuth = new AtomicReference<>();
    private final Map<String, List<String>> seen = new ConcurrentHashMap<>();

    private static final Storage DISCARD = new Storage() {
        @Override
        public Appender appender() {
            return new Appender() {
                @Override
                public long append(long ref, Labels labels, long t, double v) {
                    return 1;
                }

                @Override
                public void commit() {
                }

                @Override
                public void rollback() {
                }
            };
        }

        @Override
        public Querier querier(long mint, long maxt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String primaryName() {
            return "discard";
        }
    };

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
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", cert.key(), new char[0], new X509Certificate[] {cert.cert(), pki.ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setNeedClientAuth(needClientCert);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/metrics", exchange -> {
            exchange.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(), List.copyOf(v)));
            String want = requiredAuth.get();
            boolean ok = want == null || want.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] b = "m 1\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(ok ? 200 : 401, ok ? b.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                if (ok) {
                    out.write(b);
                }
            }
        });
        server.start();
    }

    /** A loop for the one target of a job whose inline HTTP settings are {@code lines}. */
    private ScrapeLoop loop(HttpClients clients, String... lines) throws Exception {
        StringBuilder yaml = new StringBuilder("scrape_configs:\n  - job_name: j\n    scheme: https\n");
        for (String l : lines) {
            yaml.append("    ").append(l).append('\n');
        }
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, yaml);
        ScrapeConfig sc = ConfigLoader.load(file).scrapeConfigs().get(0);
        String address = "127.0.0.1:" + server.getAddress().getPort();
        Target t = new Target("j", URI.create("https://" + address + "/metrics"),
                Labels.of("job", "j", "instance", address), Duration.ofSeconds(15), Duration.ofSeconds(5), false, true);
        return new ScrapeLoop(t, DISCARD, clients.forJob(sc, dir), new ScrapeStats(Map::of), "Pharos/test");
    }

    private ScrapeLoop loop(String... lines) throws Exception {
        return loop(new HttpClients(null), lines);
    }

    private static String scrape(ScrapeLoop loop) {
        loop.scrape(System.currentTimeMillis());
        return loop.healthy() ? "up" : loop.lastError();
    }

    private static String ca() {
        return "tls_config: {ca_file: " + pkiDir.resolve("ca.pem") + "}";
    }

    @Test
    void basicAuthOverTls() throws Exception {
        serve(ipServer, false);
        requiredAuth.set("Basic " + Base64.getEncoder().encodeToString("user:s3cret".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("password"), "s3cret\n");
        assertEquals("up", scrape(loop(ca(), "basic_auth: {username: user, password_file: password}")));
        assertEquals("server returned HTTP status 401", scrape(loop(ca(), "basic_auth: {username: user, password: nope}")));
        assertEquals("server returned HTTP status 401", scrape(loop(ca())));
    }

    @Test
    void bearerTokenFileIsReadOnEveryScrape() throws Exception {
        serve(ipServer, false);
        Path token = dir.resolve("token");
        Files.writeString(token, "first\n");
        ScrapeLoop loop = loop(ca(), "bearer_token_file: token");
        requiredAuth.set("Bearer first");
        assertEquals("up", scrape(loop));
        Files.writeString(token, "second");
        requiredAuth.set("Bearer second");
        assertEquals("up", scrape(loop));
        Files.delete(token);
        assertEquals("unable to read authorization credentials: unable to read file " + token + ": open " + token
                + ": no such file or directory", scrape(loop));
    }

    @Test
    void clientCertificate() throws Exception {
        serve(ipServer, true);
        Files.writeString(dir.resolve("client.pem"), client.certPem());
        Files.writeString(dir.resolve("client.key"), client.keyPem());
        assertFalse(scrape(loop(ca())).equals("up"), "the target requires a client certificate");
        assertEquals("up", scrape(loop("tls_config: {ca_file: " + pkiDir.resolve("ca.pem")
                + ", cert_file: client.pem, key_file: client.key}")));
    }

    @Test
    void serverNameIsVerifiedInsteadOfTheAddress() throws Exception {
        serve(namedServer, false);
        String error = scrape(loop(ca()));
        assertTrue(error.contains("x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs"),
                error);
        assertEquals("up", scrape(loop("tls_config: {ca_file: " + pkiDir.resolve("ca.pem")
                + ", server_name: scrape.test}")));
        error = scrape(loop("tls_config: {ca_file: " + pkiDir.resolve("ca.pem") + ", server_name: other.test}"));
        assertTrue(error.contains("x509: certificate is valid for scrape.test, not other.test"), error);
    }

    @Test
    void insecureSkipVerify() throws Exception {
        serve(namedServer, false);
        assertFalse(scrape(loop()).equals("up"), "the test CA is not a system root");
        assertEquals("up", scrape(loop("tls_config: {insecure_skip_verify: true}")));
    }

    @Test
    void headersAndCompression() throws Exception {
        serve(ipServer, false);
        Files.writeString(dir.resolve("tenant"), " team-a \n");
        assertEquals("up", scrape(loop(ca(), "enable_compression: false",
                "http_headers: {X-Scope: {values: [v1], secrets: [s1], files: [tenant]}}")));
        assertEquals(List.of("identity"), seen.get("accept-encoding"));
        assertEquals(List.of("v1", "s1", "team-a"), seen.get("x-scope"));
        assertEquals("up", scrape(loop(ca())));
        assertEquals(List.of("gzip"), seen.get("accept-encoding"));
        Files.delete(dir.resolve("tenant"));
        Path tenant = dir.resolve("tenant");
        assertEquals("unable to read headers file " + tenant + ": unable to read file " + tenant + ": open " + tenant
                + ": no such file or directory", scrape(loop(ca(), "http_headers: {X-Scope: {files: [tenant]}}")));
    }

    @Test
    void oneClientPerDistinctConfiguration() throws Exception {
        serve(ipServer, false);
        HttpClients clients = new HttpClients(null);
        ScrapeConfig a = ConfigLoader.parse("scrape_configs: [{job_name: a, bearer_token: x}]", "p.yml").scrapeConfigs().get(0);
        ScrapeConfig b = ConfigLoader.parse("scrape_configs: [{job_name: b, bearer_token: x, enable_compression: false}]",
                "p.yml").scrapeConfigs().get(0);
        ScrapeConfig c = ConfigLoader.parse("scrape_configs: [{job_name: c, bearer_token: y}]", "p.yml").scrapeConfigs().get(0);
        JobClient ja = clients.forJob(a, dir);
        assertSame(ja.http(), clients.forJob(b, dir).http(), "same client settings share the client");
        assertFalse(ja.equals(clients.forJob(b, dir)), "but not the request settings");
        assertEquals(ja, clients.forJob(a, dir), "an unchanged job keeps its client across reloads");
        JobClient jc = clients.forJob(c, dir);
        assertNotSame(ja.http(), jc.http());
        assertEquals(2, clients.size());
        clients.retainOnly(List.of(jc));
        assertEquals(1, clients.size());
        assertNotSame(ja.http(), clients.forJob(a, dir).http(), "a dropped client is built anew");
    }

    @Test
    void unreadableTlsMaterialFailsTheJob() throws Exception {
        ScrapeConfig sc = ConfigLoader.parse("scrape_configs: [{job_name: a, tls_config: {ca_file: missing.pem}}]",
                "p.yml").scrapeConfigs().get(0);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new HttpClients(null).forJob(sc, dir));
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
