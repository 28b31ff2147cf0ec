package io.pharos.remotewrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The route over a real Jetty on loopback: status codes, bodies and headers as a sender sees them. */
class RemoteWriteRouteTest {
    private static final long NOW = 1_700_000_000_000L;

    private final TestStorage storage = new TestStorage();
    private final HttpClient http = HttpClient.newHttpClient();
    private Server server;
    private URI uri;

    @BeforeEach
    void start() throws Exception {
        SeriesCache cache = new SeriesCache(1000);
        RemoteWriteRoute route = new RemoteWriteRoute(new RemoteWriteReceiver(storage, cache,
                new RemoteWriteReceiver.Limits(1 << 20, 8 << 20), new ReceiverMetrics(cache::size), () -> NOW));
        server = new Server();
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        server.addConnector(c);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return route.handle(request, response, callback);
            }
        });
        server.start();
        uri = URI.create("http://127.0.0.1:" + c.getLocalPort() + RemoteWriteRoute.PATH);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> post(byte[] body, String encoding) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-protobuf")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .header("User-Agent", "Prometheus/2.42.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            b.header("Content-Encoding", encoding);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void acceptedWriteIs204WithoutBody() throws Exception {
        HttpResponse<String> r = post(new WriteRequests().series("__name__", "x", "job", "j").sample(NOW, 4).snappy(),
                "snappy");
        assertEquals(204, r.statusCode(), r.body());
        assertEquals("", r.body());
        assertEquals(List.of("x{job=\"j\"} " + NOW + "=4.0"), storage.samples("x"));
    }

    @Test
    void errorsArePlainTextWithTheMessage() throws Exception {
        HttpResponse<String> bad = post(new byte[] {1, 2, 3, 4, 5}, "snappy");
        assertEquals(400, bad.statusCode());
        assertEquals("text/plain; charset=utf-8", bad.headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", bad.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(bad.body().startsWith("snappy: corrupt input") && bad.body().endsWith("\n"), bad.body());

        HttpResponse<String> gzip = post(new byte[] {1}, "gzip");
        assertEquals(415, gzip.statusCode());
        assertEquals("gzip encoding (compression) is not accepted by this server; only snappy is acceptable\n",
                gzip.body());
        assertEquals(List.of(), storage.samples("x"));
    }

    @Test
    void storageDownIs503() throws Exception {
        storage.up = false;
        HttpResponse<String> r = post(new WriteRequests().series("__name__", "x").sample(NOW, 1).snappy(), null);
        assertEquals(503, r.statusCode());
        assertEquals("storage unavailable: no primary storage backend is running\n", r.body());
    }

    @Test
    void onlyPostIsAllowed() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode());
        assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void chunkedBodyWithoutLengthIsRead() throws Exception {
        byte[] body = WriteRequests.nodeExporter(2000, NOW).snappy();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/x-protobuf")
                        .header("Content-Encoding", "snappy")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode(), r.body());
        assertEquals(2000, storage.samples("node_cpu_seconds_total").size());
    }

    @Test
    void remoteWrite2AnswersCarryWrittenCounts() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/x-protobuf;proto=io.prometheus.write.v2.Request")
                        .header("Content-Encoding", "snappy")
                        .header("X-Prometheus-Remote-Write-Version", "2.0.0")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new WriteRequestsV2()
                                .series("__name__", "x").sample(NOW, 1).sample(NOW + 1, 2).extras().snappy()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode(), r.body());
        assertEquals("2", r.headers().firstValue("X-Prometheus-Remote-Write-Samples-Written").orElse(""));
        assertEquals("0", r.headers().firstValue("X-Prometheus-Remote-Write-Histograms-Written").orElse(""));
        assertEquals("0", r.headers().firstValue("X-Prometheus-Remote-Write-Exemplars-Written").orElse(""));
    }
}
