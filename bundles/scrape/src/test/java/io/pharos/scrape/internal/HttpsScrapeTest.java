package io.pharos.scrape.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.pharos.config.ConfigLoader;
import io.pharos.config.ScrapeConfig;
import io.pharos.httpclient.HttpClients;
import io.pharos.spi.model.Labels;
import io.pharos.storage.Storage;
import io.pharos.testkit.TestPki;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrapes an HTTPS target on 127.0.0.1 with a job's HTTP client settings: the scrape side of what
 * the http-client bundle tests (credentials and header failures become the target's last error).
 */
class HttpsScrapeTest {
    @TempDir
    static Path pkiDir;
    static TestPki pki;
    static TestPki.Leaf ipServer;

    @TempDir
    Path dir;
    private HttpsServer server;
    /** The Authorization the target requires; null: none. */
    private final AtomicReference<String> requiredAuth = new AtomicReference<>();
    private final Map<String, List<String>> seen = new ConcurrentHashMap<>();

    private static final Storage DISCARD = new RecordingStorage();

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TestPki(pkiDir);
        ipServer = pki.issue("ip-server", "ip:127.0.0.1");
        Files.writeString(pkiDir.resolve("ca.pem"), pki.caPem);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void serve() throws Exception {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext(ipServer)));
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
        return new ScrapeLoop(t, DISCARD, clients.client(sc.httpClientConfig(dir), sc.enableCompression()),
                new ScrapeStats(Map::of), "Pharos/test");
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
        serve();
        requiredAuth.set("Basic " + Base64.getEncoder().encodeToString("user:s3cret".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("password"), "s3cret\n");
        assertEquals("up", scrape(loop(ca(), "basic_auth: {username: user, password_file: password}")));
        assertEquals("server returned HTTP status 401", scrape(loop(ca(), "basic_auth: {username: user, password: nope}")));
        assertEquals("server returned HTTP status 401", scrape(loop(ca())));
    }

    @Test
    void bearerTokenFileIsReadOnEveryScrape() throws Exception {
        serve();
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
    void headersAndCompression() throws Exception {
        serve();
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
}
