package io.pharos.remotewrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.model.Labels;
import io.pharos.spi.model.StaleMarker;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Decoding of remote write 2.0 requests (symbol table + label refs). */
class WriteRequestDecoderV2Test {
    private final SeriesCache cache = new SeriesCache(1000);
    private final WriteRequestDecoder decoder = new WriteRequestDecoder(cache);

    private void decode(byte[] snappy) throws Exception {
        decoder.decompress(snappy, snappy.length, Long.MAX_VALUE);
        decoder.parseV2Decompressed();
    }

    @Test
    void seriesResolveThroughTheSymbolTable() throws Exception {
        decode(new WriteRequestsV2()
                .series("__name__", "up", "job", "a").sample(1000, 1).sample(2000, StaleMarker.VALUE)
                .series("__name__", "up", "job", "b").extras().sample(1000, Double.NEGATIVE_INFINITY)
                .snappy());
        assertEquals(2, decoder.seriesCount());
        assertEquals(Labels.of("__name__", "up", "job", "a"), decoder.series(0).labels);
        assertEquals(Labels.of("__name__", "up", "job", "b"), decoder.series(1).labels);
        assertEquals(2000, decoder.timestamp(1));
        assertEquals(StaleMarker.BITS, Double.doubleToRawLongBits(decoder.value(1)));
        assertEquals(Double.NEGATIVE_INFINITY, decoder.value(2));
        assertEquals(1, decoder.histograms());
        assertEquals(1, decoder.exemplars());
    }

    @Test
    void symbolsAfterTheSeriesAndUnpackedRefsAreFine() throws Exception {
        decode(new WriteRequestsV2().symbolsLast().unpacked().series("__name__", "x", "k", "v").sample(5, 6).snappy());
        assertEquals(Labels.of("__name__", "x", "k", "v"), decoder.series(0).labels);
        assertEquals(6, decoder.value(0));
    }

    @Test
    void versionsShareTheSeriesCache() throws Exception {
        byte[] v1 = new WriteRequests().series("__name__", "x", "k", "v").sample(1, 1).snappy();
        decoder.decompress(v1, v1.length, Long.MAX_VALUE);
        decoder.parseDecompressed();
        Labels fromV1 = decoder.series(0).labels;
        decode(new WriteRequestsV2().series("__name__", "x", "k", "v").sample(2, 2).snappy());
        assertSame(fromV1, decoder.series(0).labels);
    }

    @Test
    void invalidLabelsAreDroppedWithTheirReasons() throws Exception {
        decode(new WriteRequestsV2()
                .series("job", "x").sample(1, 1)
                .series("__name__", "a", "l", "1", "l", "2").sample(1, 1)
                .series("__name__", "ok").sample(1, 1)
                .snappy());
        assertEquals(1, decoder.seriesCount());
        assertEquals(2, decoder.invalidSeries());
        assertEquals(java.util.List.of("{job=\"x\"}: no metric name (label __name__)",
                "{__name__=\"a\", l=\"1\", l=\"2\"}: duplicate label name l"), decoder.invalidReasons());
    }

    @Test
    void badLabelRefsMakeTheRequestMalformed() {
        DecodeException odd = assertThrows(DecodeException.class,
                () -> decode(new WriteRequestsV2().seriesRefs(0, 0, 0).sample(1, 1).snappy()));
        assertEquals("protobuf: labels_refs of timeseries #0 has an odd length, 3", odd.getMessage());
        WriteRequestsV2 w = new WriteRequestsV2();
        w.symbol("__name__");
        DecodeException range = assertThrows(DecodeException.class,
                () -> decode(w.series("__name__", "up").seriesRefs(1, 9).sample(1, 1).snappy()));
        assertEquals("protobuf: labels_refs of timeseries #1 refers to symbol 9, past the 3 symbols of the request",
                range.getMessage());
    }

    @Test
    void truncatedRequestIsAnError() {
        byte[] raw = new WriteRequestsV2().series("__name__", "x").sample(1, 1).build();
        DecodeException e = assertThrows(DecodeException.class,
                () -> decode(WriteRequests.compress(Arrays.copyOf(raw, raw.length - 4))));
        assertTrue(e.getMessage().startsWith("protobuf: "), e.getMessage());
    }
}
