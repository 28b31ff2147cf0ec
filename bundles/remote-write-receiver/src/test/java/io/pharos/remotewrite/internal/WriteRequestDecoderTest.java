package io.pharos.remotewrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.model.Labels;
import io.pharos.spi.model.StaleMarker;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Decoding of snappy + protobuf bodies built with protobuf-java and snappy-java. */
class WriteRequestDecoderTest {
    private final SeriesCache cache = new SeriesCache(1000);
    private final WriteRequestDecoder decoder = new WriteRequestDecoder(cache);

    private void decode(byte[] snappy) throws Exception {
        decoder.decompress(snappy, snappy.length, Long.MAX_VALUE);
        decoder.parseDecompressed();
    }

    @Test
    void roundTripKeepsSpecialValuesBitForBit() throws Exception {
        double[] values = {0, -0.0, 1.5, -2e300, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, StaleMarker.VALUE, Double.longBitsToDouble(0x7ff8000000000001L)};
        WriteRequests w = new WriteRequests().series("__name__", "x", "job", "j");
        for (int i = 0; i < values.length; i++) {
            w.sample(-5000 + 1000L * i, values[i]);
        }
        w.series("__name__", "y").sample(Long.MAX_VALUE, 7).sample(Long.MIN_VALUE, 8);
        decode(w.snappy());
        assertEquals(2, decoder.seriesCount());
        assertEquals(Labels.of("__name__", "x", "job", "j"), decoder.series(0).labels);
        assertEquals(0, decoder.seriesStart(0));
        assertEquals(values.length, decoder.seriesEnd(0));
        for (int i = 0; i < values.length; i++) {
            assertEquals(-5000 + 1000L * i, decoder.timestamp(i));
            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(decoder.value(i)),
                    "value #" + i);
        }
        assertTrue(StaleMarker.isStale(decoder.value(8)));
        assertEquals(Labels.of("__name__", "y"), decoder.series(1).labels);
        assertEquals(Long.MAX_VALUE, decoder.timestamp(values.length));
        assertEquals(Long.MIN_VALUE, decoder.timestamp(values.length + 1));
        assertEquals(values.length + 2, decoder.sampleCount());
    }

    @Test
    void manySeriesKeepTheirSamples() throws Exception {
        WriteRequests w = new WriteRequests();
        for (int s = 0; s < 20_000; s++) {
            w.series("__name__", "m", "i", Integer.toString(s));
            for (int k = 0; k <= s % 3; k++) {
                w.sample(1000L * k, s + k / 10.0);
            }
        }
        decode(w.snappy());
        assertEquals(20_000, decoder.seriesCount());
        for (int s = 0; s < 20_000; s++) {
            assertEquals(Integer.toString(s), decoder.series(s).labels.get("i"));
            assertEquals(s % 3 + 1, decoder.seriesEnd(s) - decoder.seriesStart(s));
            for (int k = 0; k <= s % 3; k++) {
                assertEquals(1000L * k, decoder.timestamp(decoder.seriesStart(s) + k));
                assertEquals(s + k / 10.0, decoder.value(decoder.seriesStart(s) + k));
            }
        }
        assertEquals(1000, cache.size(), "bounded: emptied when full, then filled again");
    }

    @Test
    void emptyRequestHasNothing() throws Exception {
        decode(WriteRequests.compress(new byte[0]));
        assertEquals(0, decoder.seriesCount());
        assertEquals(0, decoder.sampleCount());
        // A series without samples is kept (it appends nothing).
        decode(new WriteRequests().series("__name__", "x").snappy());
        assertEquals(1, decoder.seriesCount());
        assertEquals(0, decoder.sampleCount());
    }

    @Test
    void knownSeriesComeFromTheCacheAndLabelOrderDoesNotMatter() throws Exception {
        decode(new WriteRequests().series("job", "a", "__name__", "up", "instance", "h:1").sample(1, 1).snappy());
        Labels first = decoder.series(0).labels;
        assertEquals(Labels.of("__name__", "up", "instance", "h:1", "job", "a"), first);
        decode(new WriteRequests().series("job", "a", "__name__", "up", "instance", "h:1").sample(2, 1).snappy());
        assertSame(first, decoder.series(0).labels, "a known series allocates no labels");
        decode(new WriteRequests().series("__name__", "up", "instance", "h:1", "job", "a").sample(3, 1).snappy());
        assertEquals(first, decoder.series(0).labels);
    }

    @Test
    void histogramsExemplarsAndMetadataAreSkippedAndCounted() throws Exception {
        decode(new WriteRequests()
                .series("__name__", "h").exemplarAndHistogram().sample(5, 1.25).exemplarAndHistogram()
                .metadata("h").metadata("g")
                .series("__name__", "g").sample(6, 2)
                .snappy());
        assertEquals(2, decoder.seriesCount());
        assertEquals(2, decoder.histograms());
        assertEquals(2, decoder.exemplars());
        assertEquals(2, decoder.metadata());
        assertEquals(1.25, decoder.value(0));
        assertEquals(2, decoder.value(1));
    }

    @Test
    void seriesWithInvalidLabelsAreDroppedAndCounted() throws Exception {
        byte[] badUtf8 = {(byte) 0xff, 'a'};
        decode(new WriteRequests()
                .series("job", "no-name").sample(1, 1).sample(2, 2)
                .series("__name__", "ok").sample(1, 3)
                .series("__name__", "dup", "a", "1", "a", "2").sample(1, 4)
                .series("__name__", "dup2", "a", "", "a", "x").sample(1, 4)
                .series("__name__", "empty-name", "", "v").sample(1, 5)
                .series("__name__", "utf8").label("bad".getBytes(StandardCharsets.UTF_8), badUtf8).sample(1, 6)
                .series("__name__", "").sample(1, 7)
                .series("__name__", "also ok", "ünïcödé", "✓").sample(1, 8)
                .snappy());
        assertEquals(2, decoder.seriesCount());
        assertEquals(Labels.of("__name__", "ok"), decoder.series(0).labels);
        assertEquals(Labels.of("__name__", "also ok", "ünïcödé", "✓"), decoder.series(1).labels);
        assertEquals(3, decoder.value(0));
        assertEquals(8, decoder.value(1));
        assertEquals(6, decoder.invalidSeries());
        assertEquals(7, decoder.invalidSamples());
        assertEquals("{job=\"no-name\"}: no metric name (label __name__)", decoder.firstInvalid());
    }

    @Test
    void reasonsNameTheProblem() throws Exception {
        decode(new WriteRequests().series("__name__", "d", "a", "1", "a", "2").snappy());
        assertEquals("{__name__=\"d\", a=\"1\", a=\"2\"}: duplicate label name a", decoder.firstInvalid());
        decode(new WriteRequests().series("__name__", "e", "", "v").snappy());
        assertEquals("{__name__=\"e\", =\"v\"}: a label has an empty name", decoder.firstInvalid());
        decode(new WriteRequests().series("__name__", "u").label(new byte[] {'k'}, new byte[] {(byte) 0xc3}).snappy());
        assertTrue(decoder.firstInvalid().endsWith(": a label value of k is not valid UTF-8"), decoder.firstInvalid());
        decode(new WriteRequests().series("__name__", "ok").snappy());
        assertNull(decoder.firstInvalid(), "reset per request");
    }

    @Test
    void truncatedProtobufIsAnErrorThatSaysWhere() throws Exception {
        byte[] raw = new WriteRequests().series("__name__", "x", "job", "j").sample(1000, 1).sample(2000, 2).build();
        byte[] cut = Arrays.copyOf(raw, raw.length - 3);
        DecodeException e = assertThrows(DecodeException.class, () -> decode(WriteRequests.compress(cut)));
        assertTrue(e.getMessage().startsWith("protobuf: "), e.getMessage());
        assertTrue(e.getMessage().contains("input ended unexpectedly"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(at byte 2 of " + cut.length + ", in timeseries #0, TimeSeries)"),
                e.getMessage());
        // Cut inside the second series' last sample.
        byte[] two = new WriteRequests().series("__name__", "x").sample(1, 1)
                .series("__name__", "y").sample(1000, 1).sample(2000, 2).build();
        byte[] lastSampleCut = Arrays.copyOf(two, two.length);
        lastSampleCut[two.length - 13] = 0x7f; // the last sample's length, now past the end of its series
        e = assertThrows(DecodeException.class, () -> decode(WriteRequests.compress(lastSampleCut)));
        assertTrue(e.getMessage().contains("in timeseries #1, TimeSeries.samples)"), e.getMessage());
    }

    @Test
    void everyCutIsAnErrorOrAShorterValidRequest() throws Exception {
        byte[] raw = WriteRequests.nodeExporter(5, 1000).build();
        for (int cut : WriteRequests.cuts(raw.length)) {
            try {
                decode(WriteRequests.compress(Arrays.copyOf(raw, cut)));
                assertTrue(decoder.seriesCount() < 5, "cut at " + cut);
            } catch (DecodeException e) {
                assertTrue(e.getMessage().startsWith("protobuf: "), e.getMessage());
            }
        }
    }

    @Test
    void wrongWireTypeIsAnError() {
        // field 1 (timeseries) as a varint
        DecodeException e = assertThrows(DecodeException.class,
                () -> decode(WriteRequests.compress(new byte[] {0x08, 0x01})));
        assertEquals("protobuf: wrong wire type 0 for field WriteRequest.timeseries (expected 2)",
                e.getMessage());
        // Sample.value (field 1) as a varint inside a series
        byte[] raw = {0x0a, 0x04, 0x12, 0x02, 0x08, 0x01};
        e = assertThrows(DecodeException.class, () -> decode(WriteRequests.compress(raw)));
        assertTrue(e.getMessage().contains("wrong wire type 0 for field Sample.value"), e.getMessage());
    }

    @Test
    void garbageIsAProtobufError() {
        DecodeException e = assertThrows(DecodeException.class,
                () -> decode(WriteRequests.compress("hello, world".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().startsWith("protobuf: "), e.getMessage());
    }

    @Test
    void badSnappyIsAnError() {
        byte[] raw = WriteRequests.nodeExporter(3, 1000).build();
        DecodeException e = assertThrows(DecodeException.class, () -> decode(raw));
        assertTrue(e.getMessage().startsWith("snappy: corrupt input"), e.getMessage());
        byte[] gzipMagic = {0x1f, (byte) 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3};
        e = assertThrows(DecodeException.class, () -> decode(gzipMagic));
        assertTrue(e.getMessage().startsWith("snappy: corrupt input"), e.getMessage());
        byte[] truncated = Arrays.copyOf(WriteRequests.nodeExporter(3, 1000).snappy(), 20);
        e = assertThrows(DecodeException.class, () -> decode(truncated));
        assertTrue(e.getMessage().startsWith("snappy: corrupt input"), e.getMessage());
        e = assertThrows(DecodeException.class, () -> decode(new byte[0]));
        assertEquals("snappy: corrupt input: the request body is empty", e.getMessage());
    }

    @Test
    void decodedSizeIsLimited() {
        byte[] body = WriteRequests.nodeExporter(100, 1000).snappy();
        TooLargeException e = assertThrows(TooLargeException.class,
                () -> decoder.decompress(body, body.length, 1000));
        assertTrue(e.getMessage().endsWith(" bytes is larger than max.decoded.bytes = 1000"), e.getMessage());
    }

    @Test
    void cacheIsBounded() throws Exception {
        SeriesCache small = new SeriesCache(10);
        WriteRequestDecoder d = new WriteRequestDecoder(small);
        byte[] body = WriteRequests.nodeExporter(25, 1000).snappy();
        d.decompress(body, body.length, Long.MAX_VALUE);
        d.parseDecompressed();
        assertEquals(25, d.seriesCount());
        assertTrue(small.size() <= 10, "size " + small.size());
    }
}
