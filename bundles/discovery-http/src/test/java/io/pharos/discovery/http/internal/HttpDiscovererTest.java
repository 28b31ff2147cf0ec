package io.pharos.discovery.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.pharos.httpclient.ConfiguredClient;
import io.pharos.httpclient.RequestDecorator;
import io.pharos.spi.discovery.DiscoveryContext;
import io.pharos.spi.discovery.TargetGroup;
import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import io.pharos.spi.model.PluginConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** http_sd_configs against a loopback server: headers, good and bad answers, removed groups. */
class HttpDiscovererTest {
    private HttpServer server;
    private String url;
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<String> contentType = new AtomicReference<>("application/json");
    private final AtomicReference<String> body = new AtomicReference<>("[]");
    private final AtomicReference<Headers> seen = new AtomicReference<>();
    private final LongAdder failures = new LongAdder();
    private final List<List<TargetGroup>> updates = new ArrayList<>();
    private final ConfiguredClient client = new ConfiguredClient(HttpClient.newHttpClient(), RequestDecorator.DEFAULT);

    private final DiscoveryContext context = new DiscoveryContext() {
        @Override
        public String jobName() {
            return "http";
        }

        @Override
        public Path configDirectory() {
            return Path.of(".");
        }
    };

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sd", exchange -> {
            seen.set(exchange.getRequestHeaders());
            byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType.get());
            exchange.sendResponseHeaders(status.get(), b.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/sd";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpDiscoverer discoverer(Map<String, Object> extra) throws PluginConfigException {
        Map<String, Object> raw = new HashMap<>(extra);
        raw.put("url", url);
        HttpDiscoverer d = new HttpDiscoverer(HttpSdConfig.parse(raw), context, client, "Pharos/test", failures);
        d.listener(updates::add);
        return d;
    }

    @Test
    void goodAnswerGivesGroupsWithUrlAndPrometheusHeaders() throws Exception {
        body.set("[{\"targets\": [\"a:1\", \"b:1\"], \"labels\": {\"env\": \"prod\"}}, {\"targets\": [\"c:1\"]}]");
        HttpDiscoverer d = discoverer(Map.of("refresh_interval", "1500ms"));
        d.refresh();
        d.refresh(); // the same answer again: nothing new to report
        assertEquals(List.of(List.of(
                new TargetGroup(url + ":0", List.of(Labels.of("__address__", "a:1"), Labels.of("__address__", "b:1")),
                        Labels.of("env", "prod", "__meta_url", url)),
                new TargetGroup(url + ":1", List.of(Labels.of("__address__", "c:1")), Labels.of("__meta_url", url)))),
                updates);
        assertEquals("application/json", seen.get().getFirst("Accept"));
        assertEquals("1.5", seen.get().getFirst("X-Prometheus-Refresh-Interval-Seconds"));
        assertEquals("Pharos/test", seen.get().getFirst("User-Agent"));
        assertEquals(0, failures.sum());
    }

    @Test
    void fewerGroupsRemoveTheRest() throws Exception {
        HttpDiscoverer d = discoverer(Map.of());
        body.set("[{\"targets\": [\"a:1\"]}, {\"targets\": [\"b:1\"]}]");
        d.refresh();
        body.set("[{\"targets\": [\"a:1\"]}]");
        d.refresh();
        assertEquals(List.of(new TargetGroup(url + ":0", List.of(Labels.of("__address__", "a:1")),
                Labels.of("__meta_url", url)), new TargetGroup(url + ":1", List.of(), Labels.EMPTY)), updates.get(1));
        assertEquals("60", seen.get().getFirst("X-Prometheus-Refresh-Interval-Seconds"));
    }

    @Test
    void badAnswersKeepTheLastGroupsAndCountFailures() throws Exception {
        HttpDiscoverer d = discoverer(Map.of());
        body.set("[{\"targets\": [\"a:1\"]}]");
        d.refresh();
        assertEquals(1, updates.size());

        status.set(500);
        assertEquals("server returned HTTP status 500",
                assertThrows(IOException.class, d::fetch).getMessage());
        d.refresh();
        status.set(200);
        contentType.set("text/plain");
        assertEquals("unsupported content type \"text/plain\"", assertThrows(IOException.class, d::fetch).getMessage());
        d.refresh();
        contentType.set("application/json; charset=utf-8");
        body.set("[{\"targets\": [\"a:1\"]");
        assertThrows(IOException.class, d::fetch);
        d.refresh();
        body.set("{\"targets\": []}");
        assertEquals("expected a list of target groups, got a mapping",
                assertThrows(IOException.class, d::fetch).getMessage());
        d.refresh();
        assertEquals(1, updates.size(), "failed refreshes report nothing");
        assertEquals(4, failures.sum());

        body.set("[{\"targets\": [\"b:1\"]}]");
        d.refresh();
        assertEquals(2, updates.size());
    }

    @Test
    void startReportsRightAwayAndCloseStops() throws Exception {
        body.set("[{\"targets\": [\"a:1\"]}]");
        BlockingQueue<List<TargetGroup>> queue = new LinkedBlockingQueue<>();
        HttpDiscoverer d = new HttpDiscoverer(HttpSdConfig.parse(Map.of("url", url)), context, client, "Pharos/test",
                failures);
        d.start(queue::add);
        try {
            List<TargetGroup> first = queue.poll(30, TimeUnit.SECONDS);
            assertEquals(1, first == null ? 0 : first.size());
        } finally {
            d.close();
        }
    }

    @Test
    void configIsValidatedAsPrometheusDoes() throws Exception {
        assertEquals("URL is missing", assertThrows(PluginConfigException.class,
                () -> HttpSdConfig.parse(Map.of())).getMessage());
        assertEquals("URL scheme must be 'http' or 'https'", assertThrows(PluginConfigException.class,
                () -> HttpSdConfig.parse(Map.of("url", "ftp://x/sd"))).getMessage());
        assertEquals("host is missing in URL", assertThrows(PluginConfigException.class,
                () -> HttpSdConfig.parse(Map.of("url", "http:///sd"))).getMessage());
        assertEquals("field urls not found in type http.plain", assertThrows(PluginConfigException.class,
                () -> HttpSdConfig.parse(Map.of("urls", "http://x/sd"))).getMessage());
        assertEquals(Duration.ofSeconds(60), HttpSdConfig.parse(Map.of("url", "http://x/sd")).refreshInterval());
        assertEquals(Duration.ofMinutes(2),
                HttpSdConfig.parse(Map.of("url", "http://x/sd", "refresh_interval", "2m")).refreshInterval());
        assertEquals("60", HttpDiscoverer.seconds(60_000));
        assertEquals("0.25", HttpDiscoverer.seconds(250));
    }

    @Test
    void failuresAreExportedUnderPrometheusName() throws Exception {
        HttpDiscoveryProvider provider = new HttpDiscoveryProvider();
        status.set(404);
        HttpDiscoverer d = (HttpDiscoverer) provider.create(Map.of("url", url), context);
        d.listener(updates::add);
        d.refresh();
        List<String> written = new ArrayList<>();
        MetricWriter out = new MetricWriter() {
            @Override
            public MetricWriter family(String name, MetricType type, String help) {
                written.add(name + " " + type);
                return this;
            }

            @Override
            public MetricWriter sample(String name, Labels labels, double value) {
                written.add(name + " " + value);
                return this;
            }

            @Override
            public MetricWriter sample(String name, Labels labels, double value, long timestampMs) {
                return sample(name, labels, value);
            }
        };
        provider.collect(out);
        assertTrue(written.contains("prometheus_sd_http_failures_total 1.0"), written.toString());
    }

    @Test
    void httpConfigIsAppliedToEveryRefresh(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("token"), "t1\n");
        DiscoveryContext inDir = new DiscoveryContext() {
            @Override
            public String jobName() {
                return "http";
            }

            @Override
            public Path configDirectory() {
                return dir;
            }
        };
        Map<String, Object> raw = Map.of("url", url,
                "authorization", Map.of("credentials_file", "token"),
                "http_headers", Map.of("X-Tenant", Map.of("values", List.of("a"))));
        HttpDiscoverer d = (HttpDiscoverer) new HttpDiscoveryProvider().create(raw, inDir);
        d.listener(updates::add);
        body.set("[{\"targets\": [\"a:1\"]}]");
        d.refresh();
        assertEquals("Bearer t1", seen.get().getFirst("Authorization"));
        assertEquals("a", seen.get().getFirst("X-Tenant"));
        Files.writeString(dir.resolve("token"), "t2");
        d.refresh();
        assertEquals("Bearer t2", seen.get().getFirst("Authorization"), "the credentials file is read each time");

        HttpDiscoverer basic = (HttpDiscoverer) new HttpDiscoveryProvider().create(Map.of("url", url,
                "basic_auth", Map.of("username", "u", "password", "p")), inDir);
        basic.listener(updates::add);
        basic.refresh();
        assertEquals("Basic dTpw", seen.get().getFirst("Authorization"));

        Files.delete(dir.resolve("token"));
        assertTrue(assertThrows(IOException.class, d::fetch).getMessage()
                .startsWith("unable to read authorization credentials: unable to read file"));
    }

    @Test
    void badHttpConfigIsRejectedWithPrometheusMessage() {
        assertEquals("at most one of basic_auth, oauth2 & authorization must be configured",
                assertThrows(PluginConfigException.class, () -> new HttpDiscoveryProvider().create(Map.of("url", url,
                        "basic_auth", Map.of("username", "u"), "authorization", Map.of("credentials", "c")), context))
                        .getMessage());
        assertEquals("if no_proxy is configured, proxy_url must also be configured",
                assertThrows(PluginConfigException.class, () -> new HttpDiscoveryProvider().create(Map.of("url", url,
                        "no_proxy", "x"), context)).getMessage());
        assertTrue(assertThrows(PluginConfigException.class, () -> new HttpDiscoveryProvider().create(Map.of("url", url,
                "tls_config", Map.of("ca_file", "/nonexistent/ca.pem")), context)).getMessage()
                .startsWith("unable to read CA cert"));
    }
}
