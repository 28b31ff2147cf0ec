package io.pharos.remotewrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Status codes and what gets stored, against a real in-memory backend. */
class RemoteWriteReceiverTest {
    private static final long NOW = 1_700_000_000_000L;

    private final TestStorage storage = new TestStorage();
    private final SeriesCache cache = new SeriesCache(10_000);
    private final ReceiverMetrics metrics = new ReceiverMetrics(cache::size);
    private RemoteWriteReceiver receiver = new RemoteWriteReceiver(storage, cache,
            new RemoteWriteReceiver.Limits(1 << 20, 4 << 20), metrics, () -> NOW);

    private RemoteWriteReceiver.Answer post(byte[] body) {
        return post("application/x-protobuf", "snappy", body);
    }

    private RemoteWriteReceiver.Answer post(String type, String encoding, byte[] body) {
        return receiver.receive(type, encoding, body.length, new ByteArrayInputStream(body));
    }

    private static void assertAnswer(int status, String messageStart, RemoteWriteReceiver.Answer a) {
        assertEquals(status, a.status(), a.message());
        if (messageStart == null) {
            assertNull(a.message());
        } else {
            assertTrue(a.message().startsWith(messageStart), a.message());
        }
    }

    @Test
    void acceptedRequestIsStoredAndAnswered204() {
        assertAnswer(204, null, post(new WriteRequests()
                .series("__name__", "up", "job", "a").sample(NOW - 2000, 1).sample(NOW - 1000, 0)
                .series("__name__", "temp", "room", "k").sample(NOW, 21.5)
                .snappy()));
        assertEquals(List.of("up{job=\"a\"} " + (NOW - 2000) + "=1.0", "up{job=\"a\"} " + (NOW - 1000) + "=0.0"),
                storage.samples("up"));
        assertEquals(List.of("temp{room=\"k\"} " + NOW + "=21.5"), storage.samples("temp"));
        assertEquals(1, storage.commits, "one commit per request");
        assertEquals(3, metrics.appendedTotal());
        // The next request of the same series goes through the cache and its storage reference.
        assertAnswer(204, null, post(new WriteRequests().series("__name__", "up", "job", "a").sample(NOW, 1).snappy()));
        assertEquals(3, storage.samples("up").size());
    }

    @Test
    void missingHeadersMeanRemoteWrite1WithSnappy() {
        byte[] body = new WriteRequests().series("__name__", "x").sample(NOW, 1).snappy();
        assertAnswer(204, null, post(null, null, body));
        assertAnswer(204, null, post("application/x-protobuf;proto=prometheus.WriteRequest", "SNAPPY", body));
        assertAnswer(204, null, post("Application/X-Protobuf; proto=prometheus.WriteRequest", "", body));
    }

    @Test
    void emptyRequestIsAccepted() {
        assertAnswer(204, null, post(WriteRequests.compress(new byte[0])));
    }

    @Test
    void wrongContentTypeOrEncodingIs415() {
        byte[] body = new WriteRequests().series("__name__", "x").sample(NOW, 1).snappy();
        assertAnswer(415, "expected application/x-protobuf as the first (media) part, got text/plain content-type",
                post("text/plain", "snappy", body));
        assertAnswer(415, "got application/x-protobuf;proto=foo.Bar content type; unknown remote write protobuf "
                + "message foo.Bar", post("application/x-protobuf;proto=foo.Bar", "snappy", body));
        assertAnswer(415, "as per https://www.rfc-editor.org/rfc/rfc9110#parameter expected parameters to be "
                + "key-values, got proto in", post("application/x-protobuf;proto", "snappy", body));
        assertAnswer(415, "gzip encoding (compression) is not accepted by this server; only snappy is acceptable",
                post("application/x-protobuf", "gzip", body));
        assertEquals(List.of(), storage.samples("x"));
    }

    @Test
    void undecodableBodiesAre400AndStoreNothing() {
        byte[] raw = new WriteRequests().series("__name__", "x").sample(NOW, 1)
                .series("__name__", "x", "i", "2").sample(NOW, 2).build();
        assertAnswer(400, "snappy: corrupt input", post(raw));
        assertAnswer(400, "snappy: corrupt input: the request body is empty", post(new byte[0]));
        assertAnswer(400, "protobuf: While parsing a protocol message, the input ended unexpectedly",
                post(WriteRequests.compress(Arrays.copyOf(raw, raw.length - 2))));
        assertEquals(List.of(), storage.samples("x"));
        assertEquals(0, storage.seriesCount(), "not even the series of the first, complete timeseries");
        assertEquals(0, storage.commits);
    }

    @Test
    void outOfOrderSampleIs400AndRollsBackTheWholeRequest() {
        assertAnswer(204, null, post(new WriteRequests().series("__name__", "x").sample(NOW, 1).snappy()));
        RemoteWriteReceiver.Answer a = post(new WriteRequests()
                .series("__name__", "y").sample(NOW, 5)
                .series("__name__", "x").sample(NOW - 1000, 2)
                .snappy());
        assertAnswer(400, "out of order sample for x{}", a);
        assertTrue(a.message().endsWith("(sample of x{} at " + (NOW - 1000) + ")"), a.message());
        assertEquals(List.of(), storage.samples("y"), "rolled back");
        assertEquals(1, storage.rollbacks);
    }

    @Test
    void duplicateTimestampWithAnotherValueIs400ButTheSameSampleAgainIsAccepted() {
        byte[] first = new WriteRequests().series("__name__", "x").sample(NOW, 1).snappy();
        assertAnswer(204, null, post(first));
        assertAnswer(204, null, post(first));
        assertAnswer(400, "duplicate sample for timestamp for x{}",
                post(new WriteRequests().series("__name__", "x").sample(NOW, 2).snappy()));
        assertEquals(1, storage.samples("x").size());
    }

    @Test
    void samplesTooFarInTheFutureAre400() {
        assertAnswer(204, null, post(new WriteRequests().series("__name__", "x")
                .sample(NOW + RemoteWriteReceiver.MAX_AHEAD_MS, 1).snappy()));
        assertAnswer(400, "out of bounds: timestamp is too far in the future: sample of x{} at "
                + (NOW + RemoteWriteReceiver.MAX_AHEAD_MS + 1),
                post(new WriteRequests().series("__name__", "z").sample(NOW, 1)
                        .series("__name__", "x").sample(NOW + RemoteWriteReceiver.MAX_AHEAD_MS + 1, 1).snappy()));
        assertEquals(List.of(), storage.samples("z"));
    }

    @Test
    void invalidLabelsDropTheSeriesButNotTheRequest() {
        assertAnswer(204, null, post(new WriteRequests()
                .series("job", "nameless").sample(NOW, 1).sample(NOW + 1, 1)
                .series("__name__", "ok").sample(NOW, 2)
                .snappy()));
        assertEquals(1, storage.samples("ok").size());
        assertEquals(2, metrics.invalidLabelSamplesTotal());
    }

    @Test
    void storageDownIs503SoSendersRetry() {
        byte[] body = new WriteRequests().series("__name__", "x").sample(NOW, 1).snappy();
        storage.up = false;
        assertAnswer(503, "storage unavailable: no primary storage backend is running", post(body));
        // Gone between the check and the append: the same answer.
        storage.up = true;
        storage.failAppends = new StorageException("in-memory storage is stopped", true);
        assertAnswer(503, "in-memory storage is stopped", post(body));
        assertEquals(1, storage.rollbacks);
        storage.failAppends = null;
        assertAnswer(204, null, post(body));
    }

    @Test
    void unexpectedAppendFailureIs500() {
        byte[] body = new WriteRequests().series("__name__", "x").sample(NOW, 1).snappy();
        storage.failAppends = new IllegalStateException("boom");
        assertAnswer(500, "appending failed: java.lang.IllegalStateException: boom", post(body));
        assertEquals(1, storage.rollbacks);
    }

    @Test
    void oversizedBodiesAre413() {
        receiver = new RemoteWriteReceiver(storage, cache, new RemoteWriteReceiver.Limits(100, 300), metrics, () -> NOW);
        byte[] big = WriteRequests.nodeExporter(50, NOW).snappy();
        assertAnswer(413, "request body of " + big.length + " bytes is larger than max.body.bytes = 100", post(big));
        // Without a Content-Length the limit applies while reading.
        assertAnswer(413, "request body is larger than max.body.bytes = 100",
                receiver.receive(null, null, -1, new ByteArrayInputStream(big)));
        // Small on the wire, large once decompressed.
        receiver = new RemoteWriteReceiver(storage, cache, new RemoteWriteReceiver.Limits(300, 1000), metrics,
                () -> NOW);
        byte[] zeros = WriteRequests.compress(new byte[5000]);
        assertTrue(zeros.length <= 300, "compressed to " + zeros.length);
        assertAnswer(413, "decoded request of 5000 bytes is larger than max.decoded.bytes = 1000", post(zeros));
        // Exactly at the limit is fine.
        byte[] fits = new WriteRequests().series("__name__", "x").sample(NOW, 1).snappy();
        receiver = new RemoteWriteReceiver(storage, cache, new RemoteWriteReceiver.Limits(fits.length, 300), metrics,
                () -> NOW);
        assertAnswer(204, null, receiver.receive(null, null, -1, new ByteArrayInputStream(fits)));
    }

    @Test
    void unreadableBodyIs400() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertAnswer(400, "error reading the request body: connection reset", receiver.receive(null, null, 10, broken));
    }

    @Test
    void largeBodiesOfUnknownLengthAreReadWhole() {
        byte[] body = WriteRequests.nodeExporter(10_000, NOW).snappy();
        assertTrue(body.length > 64 << 10, "bigger than the first buffer: " + body.length);
        assertAnswer(204, null, receiver.receive(null, null, -1, new ByteArrayInputStream(body)));
        assertEquals(10_000, storage.samples("node_cpu_seconds_total").size());
    }

    private static final String V2 = "application/x-protobuf;proto=io.prometheus.write.v2.Request";

    @Test
    void remoteWrite2IsStoredAndCountsWhatItWrote() {
        RemoteWriteReceiver.Answer a = post(V2, "snappy", new WriteRequestsV2()
                .series("__name__", "up", "job", "a").sample(NOW - 1000, 1).sample(NOW, 1)
                .series("__name__", "h").extras()
                .snappy());
        assertAnswer(204, null, a);
        assertEquals(2, a.written());
        assertEquals(2, storage.samples("up").size());
        assertEquals(-1, post(new WriteRequests().series("__name__", "x").sample(NOW, 1).snappy()).written(),
                "1.0 answers carry no counts");
    }

    @Test
    void remoteWrite2WritesWhatIsValidAndReports400ForTheRest() {
        assertAnswer(204, null, post(V2, "snappy", new WriteRequestsV2().series("__name__", "x").sample(NOW, 1).snappy()));
        RemoteWriteReceiver.Answer a = post(V2, "snappy", new WriteRequestsV2()
                .series("job", "nameless").sample(NOW, 1)
                .series("__name__", "x").sample(NOW - 1000, 2).sample(NOW + 1000, 3)
                .series("__name__", "y").sample(NOW + RemoteWriteReceiver.MAX_AHEAD_MS + 1, 4).sample(NOW, 5)
                .snappy());
        assertEquals(400, a.status(), a.message());
        assertEquals(2, a.written());
        assertEquals(String.join("\n",
                "invalid labels: {job=\"nameless\"}: no metric name (label __name__)",
                "out of order sample for x{} (sample of x{} at " + (NOW - 1000) + ")",
                "out of bounds: timestamp is too far in the future for series y{} at "
                        + (NOW + RemoteWriteReceiver.MAX_AHEAD_MS + 1)), a.message());
        assertEquals(List.of("x{} " + NOW + "=1.0", "x{} " + (NOW + 1000) + "=3.0"), storage.samples("x"));
        assertEquals(List.of("y{} " + NOW + "=5.0"), storage.samples("y"));
        assertEquals(1, metrics.invalidLabelSamplesTotal());
    }

    @Test
    void remoteWrite2RetryableFailureRollsBackEverything() {
        storage.failAppends = new StorageException("backend busy", true);
        RemoteWriteReceiver.Answer a = post(V2, "snappy",
                new WriteRequestsV2().series("__name__", "x").sample(NOW, 1).snappy());
        assertAnswer(503, "backend busy", a);
        assertEquals(0, a.written());
        assertEquals(1, storage.rollbacks);
        storage.failAppends = null;
        assertEquals(List.of(), storage.samples("x"));
    }

    @Test
    void remoteWrite2MalformedIs400WithoutCounts() {
        RemoteWriteReceiver.Answer a = post(V2, "snappy", new WriteRequestsV2().seriesRefs(0, 7).sample(NOW, 1).snappy());
        assertAnswer(400, "protobuf: labels_refs of timeseries #0 refers to symbol 7", a);
        assertEquals(-1, a.written());
    }
}
