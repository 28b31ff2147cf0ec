package io.pharos.remotewrite.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.pharos.spi.model.Labels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * Decodes one remote-write request body (snappy block format around a protobuf
 * {@code prometheus.WriteRequest}, or remote write 2.0's {@code io.prometheus.write.v2.Request}:
 * {@link #parseV2}) into flat arrays: per series its labels (from the
 * {@link SeriesCache}) and the range of its samples; per sample a timestamp and a value. Nothing
 * is allocated per sample, and nothing per series once the series is in the cache. Histograms,
 * exemplars and metadata are skipped (and counted). One decoder serves one request at a time and
 * is reused: its buffers grow to the largest request and are trimmed back by {@link #trim()}.
 *
 * <p>Series with invalid labels (no {@code __name__}, a label name twice, an empty name, bytes
 * that are not UTF-8) are dropped and counted, as Prometheus 3.x' receiver does for remote write
 * 1.0; their description is kept for the log. Label order on the wire does not matter.
 *
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2;
 *                repeated Exemplar exemplars = 3; repeated Histogram histograms = 4; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }
 * </pre>
 */
final class WriteRequestDecoder {
    /** Buffers larger than this are dropped after a request instead of being kept for the next. */
    static final int RETAIN_BYTES = 4 << 20;
    private static final int RETAIN_SAMPLES = 256 << 10;

    private final SeriesCache cache;
    private final SeriesCache.Key probe = new SeriesCache.Key();
    private final Labels.Builder builder = new Labels.Builder();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** The request body as read from the connection (owned here so that it is reused). */
    byte[] body = new byte[64 << 10];
    private byte[] raw = new byte[256 << 10];
    private int rawLength;
    private byte[] key = new byte[1024];
    /** Per label of the current series: name offset, name length, value offset, value length. */
    private int[] labels = new int[4 * 32];
    private int labelCount;

    private SeriesCache.Entry[] series = new SeriesCache.Entry[1024];
    private int[] seriesEnd = new int[1024];
    private int seriesCount;
    private long[] ts = new long[4096];
    private double[] vs = new double[4096];
    private int sampleCount;

    private int invalidSeries;
    private int invalidSamples;
    /** The first invalid series of the request, described (at most {@link #MAX_REASONS}). */
    private final List<String> invalidReasons = new ArrayList<>();
    private static final int MAX_REASONS = 10;
    /** Remote write 2.0: the symbol table (offset, length per symbol) and a series' label refs. */
    private int[] symbols = new int[2 * 256];
    private int symbolCount;
    private int[] refs = new int[64];
    private int refCount;
    private int histograms;
    private int exemplars;
    private int metadata;

    /** Where the parser is, for error messages. */
    private int currentSeries;
    private String currentField;

    WriteRequestDecoder(SeriesCache cache) {
        this.cache = cache;
    }

    /** Makes room for a body of at least {@code size} bytes, keeping what was read so far. */
    byte[] growBody(int size) {
        if (body.length < size) {
            body = Arrays.copyOf(body, size);
        }
        return body;
    }

    /**
     * Decompresses the snappy block in {@code body[0, length)} into this decoder.
     *
     * @throws DecodeException for a corrupt block
     * @throws TooLargeException when the block announces more than {@code maxDecoded} bytes
     */
    void decompress(byte[] body, int length, long maxDecoded) throws DecodeException, TooLargeException {
        if (length == 0) {
            throw new DecodeException("snappy: corrupt input: the request body is empty");
        }
        int n;
        try {
            n = Snappy.uncompressedLength(body, 0, length);
        } catch (IOException e) {
            throw new DecodeException("snappy: corrupt input: cannot read the decoded length (" + e.getMessage()
                    + "); is the body snappy block format (not framed, not gzip)?");
        }
        // A snappy block expands at most about 22 times (a 3-byte copy yields 64 bytes).
        if (n < 0 || n > 32L * length + 64) {
            throw new DecodeException("snappy: corrupt input: the header announces " + Integer.toUnsignedString(n)
                    + " decoded bytes from " + length + " compressed bytes");
        }
        if (n > maxDecoded) {
            throw new TooLargeException("decoded request of " + n + " bytes is larger than max.decoded.bytes = "
                    + maxDecoded);
        }
        if (raw.length < n) {
            raw = new byte[Math.max(n, Math.min(Integer.MAX_VALUE - 8, raw.length * 2))];
        }
        try {
            rawLength = Snappy.uncompress(body, 0, length, raw, 0);
        } catch (IOException e) {
            throw new DecodeException("snappy: corrupt input (" + e.getMessage() + ")");
        }
    }

    /** Parses the protobuf that {@link #decompress} left in this decoder. */
    void parseDecompressed() throws DecodeException {
        parse(raw, rawLength);
    }

    /** Parses an uncompressed {@code prometheus.WriteRequest} in {@code buf[0, length)}. */
    void parse(byte[] buf, int length) throws DecodeException {
        reset();
        CodedInputStream in = CodedInputStream.newInstance(buf, 0, length);
        currentField = null;
        try {
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> {
                        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "WriteRequest.timeseries");
                        timeSeries(in, buf);
                    }
                    case 3 -> {
                        metadata++;
                        skip(in, tag);
                    }
                    default -> skip(in, tag);
                }
                currentField = null;
            }
        } catch (InvalidProtocolBufferException e) {
            throw new DecodeException("protobuf: " + e.getMessage() + where(in, length));
        } catch (IOException e) {
            throw new DecodeException("protobuf: " + e + where(in, length));
        }
    }

    /** Parses the remote write 2.0 request that {@link #decompress} left in this decoder. */
    void parseV2Decompressed() throws DecodeException {
        parseV2(raw, rawLength);
    }

    /**
     * Parses an uncompressed {@code io.prometheus.write.v2.Request} in {@code buf[0, length)}:
     * first its symbol table (wherever it is in the message), then the series, whose labels are
     * pairs of indexes into it. A reference past the table is a malformed request.
     *
     * <pre>
     * Request    { repeated string symbols = 4; repeated TimeSeries timeseries = 5; }
     * TimeSeries { repeated uint32 labels_refs = 1; repeated Sample samples = 2;
     *              repeated Histogram histograms = 3; repeated Exemplar exemplars = 4;
     *              Metadata metadata = 5; int64 created_timestamp = 6; }
     * </pre>
     */
    void parseV2(byte[] buf, int length) throws DecodeException {
        reset();
        CodedInputStream in = CodedInputStream.newInstance(buf, 0, length);
        currentField = null;
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 4) {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "Request.symbols");
                    int len = in.readRawVarint32();
                    if (2 * symbolCount + 2 > symbols.length) {
                        symbols = Arrays.copyOf(symbols, symbols.length * 2);
                    }
                    symbols[2 * symbolCount] = in.getTotalBytesRead();
                    symbols[2 * symbolCount + 1] = len;
                    symbolCount++;
                    in.skipRawBytes(len);
                } else {
                    skip(in, tag);
                }
            }
            in = CodedInputStream.newInstance(buf, 0, length);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 5) {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "Request.timeseries");
                    timeSeriesV2(in, buf);
                    currentField = null;
                } else {
                    skip(in, tag);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new DecodeException("protobuf: " + e.getMessage() + where(in, length));
        } catch (IOException e) {
            throw new DecodeException("protobuf: " + e + where(in, length));
        }
    }

    private void timeSeriesV2(CodedInputStream in, byte[] buf) throws IOException, DecodeException {
        currentSeries = seriesCount + invalidSeries;
        currentField = "TimeSeries";
        int outer = in.pushLimit(in.readRawVarint32());
        labelCount = 0;
        refCount = 0;
        int firstSample = sampleCount;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    currentField = "TimeSeries.labels_refs";
                    if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int packed = in.pushLimit(in.readRawVarint32());
                        while (!in.isAtEnd()) {
                            addRef(in.readRawVarint32());
                        }
                        in.popLimit(packed);
                    } else {
                        expect(tag, WireFormat.WIRETYPE_VARINT, currentField);
                        addRef(in.readRawVarint32());
                    }
                }
                case 2 -> {
                    currentField = "TimeSeries.samples";
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, currentField);
                    sample(in);
                }
                case 3 -> {
                    currentField = "TimeSeries.histograms";
                    histograms++;
                    skip(in, tag);
                }
                case 4 -> {
                    currentField = "TimeSeries.exemplars";
                    exemplars++;
                    skip(in, tag);
                }
                default -> {
                    currentField = "TimeSeries field " + WireFormat.getTagFieldNumber(tag);
                    skip(in, tag);
                }
            }
        }
        in.popLimit(outer);
        if (refCount % 2 != 0) {
            throw new DecodeException("protobuf: labels_refs of timeseries #" + currentSeries + " has an odd length, "
                    + refCount);
        }
        for (int i = 0; i < refCount; i += 2) {
            int name = refs[i];
            int value = refs[i + 1];
            if (Integer.compareUnsigned(name, symbolCount) >= 0 || Integer.compareUnsigned(value, symbolCount) >= 0) {
                throw new DecodeException("protobuf: labels_refs of timeseries #" + currentSeries + " refers to symbol "
                        + Integer.toUnsignedString(Integer.compareUnsigned(name, symbolCount) >= 0 ? name : value)
                        + ", past the " + symbolCount + " symbols of the request");
            }
            addLabel(symbols[2 * name], symbols[2 * name + 1], symbols[2 * value], symbols[2 * value + 1]);
        }
        endSeries(buf, firstSample);
    }

    private void addRef(int ref) {
        if (refCount == refs.length) {
            refs = Arrays.copyOf(refs, refCount * 2);
        }
        refs[refCount++] = ref;
    }

    private String where(CodedInputStream in, int length) {
        return " (at byte " + in.getTotalBytesRead() + " of " + length + ", in "
                + (currentField == null ? "WriteRequest" : "timeseries #" + currentSeries + ", " + currentField) + ")";
    }

    private void expect(int tag, int wireType, String field) throws DecodeException {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw new DecodeException("protobuf: wrong wire type " + WireFormat.getTagWireType(tag) + " for field "
                    + field + " (expected " + wireType + ")"
                    + (currentField == null ? "" : " in timeseries #" + currentSeries));
        }
    }

    private static void skip(CodedInputStream in, int tag) throws IOException, DecodeException {
        if (!in.skipField(tag)) {
            throw new DecodeException("protobuf: unexpected end-group tag for field "
                    + WireFormat.getTagFieldNumber(tag));
        }
    }

    private void timeSeries(CodedInputStream in, byte[] buf) throws IOException, DecodeException {
        currentSeries = seriesCount + invalidSeries;
        currentField = "TimeSeries";
        int outer = in.pushLimit(in.readRawVarint32());
        labelCount = 0;
        int firstSample = sampleCount;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    currentField = "TimeSeries.labels";
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, currentField);
                    label(in);
                }
                case 2 -> {
                    currentField = "TimeSeries.samples";
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, currentField);
                    sample(in);
                }
                case 3 -> {
                    currentField = "TimeSeries.exemplars";
                    exemplars++;
                    skip(in, tag);
                }
                case 4 -> {
                    currentField = "TimeSeries.histograms";
                    histograms++;
                    skip(in, tag);
                }
                default -> {
                    currentField = "TimeSeries field " + WireFormat.getTagFieldNumber(tag);
                    skip(in, tag);
                }
            }
        }
        in.popLimit(outer);
        endSeries(buf, firstSample);
    }

    private void label(CodedInputStream in) throws IOException, DecodeException {
        int outer = in.pushLimit(in.readRawVarint32());
        int nameOff = 0;
        int nameLen = 0;
        int valueOff = 0;
        int valueLen = 0;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 || field == 2) {
                expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, field == 1 ? "Label.name" : "Label.value");
                int len = in.readRawVarint32();
                int off = in.getTotalBytesRead();
                in.skipRawBytes(len);
                if (field == 1) {
                    nameOff = off;
                    nameLen = len;
                } else {
                    valueOff = off;
                    valueLen = len;
                }
            } else {
                skip(in, tag);
            }
        }
        in.popLimit(outer);
        addLabel(nameOff, nameLen, valueOff, valueLen);
    }

    /** Adds a label of the current series by its byte ranges (in the protobuf or its symbol table). */
    void addLabel(int nameOff, int nameLen, int valueOff, int valueLen) {
        if (4 * labelCount + 4 > labels.length) {
            labels = Arrays.copyOf(labels, labels.length * 2);
        }
        int i = 4 * labelCount++;
        labels[i] = nameOff;
        labels[i + 1] = nameLen;
        labels[i + 2] = valueOff;
        labels[i + 3] = valueLen;
    }

    private void sample(CodedInputStream in) throws IOException, DecodeException {
        int outer = in.pushLimit(in.readRawVarint32());
        double v = 0;
        long t = 0;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    expect(tag, WireFormat.WIRETYPE_FIXED64, "Sample.value");
                    // By bits: keeps NaN payloads such as the staleness marker.
                    v = Double.longBitsToDouble(in.readRawLittleEndian64());
                }
                case 2 -> {
                    expect(tag, WireFormat.WIRETYPE_VARINT, "Sample.timestamp");
                    t = in.readInt64();
                }
                default -> skip(in, tag);
            }
        }
        in.popLimit(outer);
        addSample(t, v);
    }

    void addSample(long t, double v) {
        if (sampleCount == ts.length) {
            ts = Arrays.copyOf(ts, sampleCount * 2);
            vs = Arrays.copyOf(vs, sampleCount * 2);
        }
        ts[sampleCount] = t;
        vs[sampleCount] = v;
        sampleCount++;
    }

    /**
     * Closes the current series: finds its labels in the cache (or builds and caches them) and
     * keeps its samples, or drops it and its samples when the labels are invalid.
     */
    void endSeries(byte[] buf, int firstSample) {
        SeriesCache.Entry entry = lookup(buf);
        if (entry == null) {
            invalidSeries++;
            invalidSamples += sampleCount - firstSample;
            sampleCount = firstSample;
            return;
        }
        if (seriesCount == series.length) {
            series = Arrays.copyOf(series, seriesCount * 2);
            seriesEnd = Arrays.copyOf(seriesEnd, seriesCount * 2);
        }
        series[seriesCount] = entry;
        seriesEnd[seriesCount] = sampleCount;
        seriesCount++;
    }

    /** The cached series for the current labels; {@code null} when they are invalid. */
    private SeriesCache.Entry lookup(byte[] buf) {
        // The key: each label's name and value, length-prefixed, in wire order. Equal keys mean
        // equal label sets; the same set in another order is another key with equal labels.
        int k = 0;
        for (int i = 0; i < 4 * labelCount; i += 2) {
            int off = labels[i];
            int len = labels[i + 1];
            if (k + len + 5 > key.length) {
                key = Arrays.copyOf(key, Math.max(key.length * 2, k + len + 5));
            }
            k = putVarint(key, k, len);
            System.arraycopy(buf, off, key, k, len);
            k += len;
        }
        probe.set(key, 0, k);
        SeriesCache.Entry e = cache.get(probe);
        if (e != null) {
            return e;
        }
        Labels built = build(buf);
        return built == null ? null : cache.put(probe, built);
    }

    private static int putVarint(byte[] b, int at, int v) {
        while ((v & ~0x7F) != 0) {
            b[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[at++] = (byte) v;
        return at;
    }

    /** Builds and validates the current labels; {@code null} (and a reason) when invalid. */
    private Labels build(byte[] buf) {
        builder.reset();
        for (int i = 0; i < labelCount; i++) {
            int nameOff = labels[4 * i];
            int nameLen = labels[4 * i + 1];
            String name = string(buf, nameOff, nameLen);
            String value = string(buf, labels[4 * i + 2], labels[4 * i + 3]);
            if (name == null || value == null) {
                return invalid(buf, "a label " + (name == null ? "name" : "value of " + name)
                        + " is not valid UTF-8");
            }
            if (name.isEmpty()) {
                return invalid(buf, "a label has an empty name");
            }
            for (int j = 0; j < i; j++) {
                if (Arrays.equals(buf, nameOff, nameOff + nameLen, buf, labels[4 * j], labels[4 * j] + labels[4 * j + 1])) {
                    return invalid(buf, "duplicate label name " + name);
                }
            }
            builder.set(name, value);
        }
        if (builder.get(Labels.METRIC_NAME) == null) {
            return invalid(buf, "no metric name (label __name__)");
        }
        return builder.build();
    }

    private Labels invalid(byte[] buf, String reason) {
        if (invalidReasons.size() < MAX_REASONS) {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < labelCount; i++) {
                sb.append(i == 0 ? "" : ", ")
                        .append(new String(buf, labels[4 * i], labels[4 * i + 1], StandardCharsets.UTF_8))
                        .append("=\"");
                Labels.appendEscaped(sb, new String(buf, labels[4 * i + 2], labels[4 * i + 3], StandardCharsets.UTF_8));
                sb.append('"');
            }
            invalidReasons.add(sb.append("}: ").append(reason).toString());
        }
        return null;
    }

    /** The UTF-8 string in the range, or {@code null} when the bytes are not valid UTF-8. */
    private String string(byte[] buf, int off, int len) {
        boolean ascii = true;
        for (int i = off; i < off + len && ascii; i++) {
            ascii = buf[i] >= 0;
        }
        if (ascii) {
            return new String(buf, off, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return utf8.reset().decode(ByteBuffer.wrap(buf, off, len)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private void reset() {
        Arrays.fill(series, 0, seriesCount, null);
        seriesCount = 0;
        sampleCount = 0;
        labelCount = 0;
        invalidSeries = 0;
        invalidSamples = 0;
        invalidReasons.clear();
        symbolCount = 0;
        histograms = 0;
        exemplars = 0;
        metadata = 0;
        currentSeries = 0;
    }

    /** Drops buffers that a large request grew, so an idle decoder keeps little memory. */
    void trim() {
        Arrays.fill(series, 0, seriesCount, null);
        if (body.length > RETAIN_BYTES) {
            body = new byte[64 << 10];
        }
        if (raw.length > RETAIN_BYTES) {
            raw = new byte[256 << 10];
        }
        if (ts.length > RETAIN_SAMPLES) {
            ts = new long[4096];
            vs = new double[4096];
        }
        if (symbols.length > RETAIN_SAMPLES) {
            symbols = new int[2 * 256];
        }
        if (series.length > RETAIN_SAMPLES) {
            series = new SeriesCache.Entry[1024];
            seriesEnd = new int[1024];
        }
    }

    int seriesCount() {
        return seriesCount;
    }

    SeriesCache.Entry series(int i) {
        return series[i];
    }

    /** The first sample of series {@code i}. */
    int seriesStart(int i) {
        return i == 0 ? 0 : seriesEnd[i - 1];
    }

    /** One past the last sample of series {@code i}. */
    int seriesEnd(int i) {
        return seriesEnd[i];
    }

    int sampleCount() {
        return sampleCount;
    }

    long timestamp(int j) {
        return ts[j];
    }

    double value(int j) {
        return vs[j];
    }

    int invalidSeries() {
        return invalidSeries;
    }

    int invalidSamples() {
        return invalidSamples;
    }

    /** The labels and the reason of the first invalid series of the request, or {@code null}. */
    String firstInvalid() {
        return invalidReasons.isEmpty() ? null : invalidReasons.get(0);
    }

    /** The first invalid series of the request with their reasons (at most ten). */
    List<String> invalidReasons() {
        return invalidReasons;
    }

    int histograms() {
        return histograms;
    }

    int exemplars() {
        return exemplars;
    }

    int metadata() {
        return metadata;
    }
}
