package io.pharos.remotewrite.internal;

import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.StorageException;
import io.pharos.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives remote-write requests independently of HTTP: checks the headers, reads and decodes the
 * body, appends every sample through the storage fan-out in one batch and commits it, and tells
 * which status to answer with, as Prometheus 3.x' receiver does. Remote write 1.0
 * ({@code prometheus.WriteRequest}, the default) is all or nothing; 2.0
 * ({@code proto=io.prometheus.write.v2.Request}) writes what it can, see {@link #appendV2}.
 *
 * <table>
 * <caption>Answers</caption>
 * <tr><th>status</th><th>when</th></tr>
 * <tr><td>204</td><td>committed (series with invalid labels are dropped and counted, not refused)</td></tr>
 * <tr><td>400</td><td>body unreadable, not snappy, not protobuf; sample out of order, duplicate, too old
 *     or more than 10 minutes in the future (nothing of the request is stored)</td></tr>
 * <tr><td>413</td><td>body or decoded body over the configured limit (Prometheus has none)</td></tr>
 * <tr><td>415</td><td>Content-Type not {@code application/x-protobuf} or an unknown {@code proto=};
 *     Content-Encoding other than snappy</td></tr>
 * <tr><td>503</td><td>no storage backend, or it failed in a way worth retrying (senders retry 5xx)</td></tr>
 * <tr><td>500</td><td>anything else, e.g. snappy's native library could not be loaded</td></tr>
 * </table>
 */
final class RemoteWriteReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteWriteReceiver.class);

    static final String CONTENT_TYPE = "application/x-protobuf";
    static final String V1 = "prometheus.WriteRequest";
    static final String V2 = "io.prometheus.write.v2.Request";
    /** Prometheus refuses samples further ahead of its clock than this (storage.ErrOutOfBounds). */
    static final long MAX_AHEAD_MS = 10 * 60_000L;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * What to answer: a status; for an error the message (the body, as Prometheus' http.Error);
     * for remote write 2.0 the samples written (the X-Prometheus-Remote-Write-*-Written headers),
     * -1 for 1.0.
     */
    record Answer(int status, String message, int written) {
        static final Answer NO_CONTENT = new Answer(204, null);

        Answer(int status, String message) {
            this(status, message, -1);
        }
    }

    /** Most errors listed in a 2.0 answer; the rest are counted. */
    private static final int MAX_ERRORS = 10;

    /** Request size limits in bytes: of the body as sent and of the decompressed protobuf. */
    record Limits(long maxBodyBytes, long maxDecodedBytes) {
    }

    private final Storage storage;
    private final SeriesCache cache;
    private final Limits limits;
    private final ReceiverMetrics metrics;
    private final LongSupplier clock;
    private final ArrayBlockingQueue<WriteRequestDecoder> idle = new ArrayBlockingQueue<>(8);

    RemoteWriteReceiver(Storage storage, SeriesCache cache, Limits limits, ReceiverMetrics metrics,
                        LongSupplier clock) {
        this.storage = storage;
        this.cache = cache;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Handles one request.
     *
     * @param contentType the Content-Type header, or {@code null}
     * @param contentEncoding the Content-Encoding header, or {@code null}
     * @param declaredLength the Content-Length, or -1 when unknown
     * @param body the request body
     */
    Answer receive(String contentType, String contentEncoding, long declaredLength, InputStream body) {
        if (!storage.available()) {
            return new Answer(503, "storage unavailable: no primary storage backend is running");
        }
        String problem = checkContentType(contentType);
        if (problem == null) {
            problem = checkEncoding(contentEncoding);
        }
        boolean v2 = problem == null && V2.equals(messageType(contentType));
        if (problem != null) {
            LOG.debug("remote write refused: {}", problem);
            return new Answer(415, problem);
        }
        if (declaredLength > limits.maxBodyBytes()) {
            return new Answer(413, "request body of " + declaredLength + " bytes is larger than max.body.bytes = "
                    + limits.maxBodyBytes());
        }
        WriteRequestDecoder d = idle.poll();
        if (d == null) {
            d = new WriteRequestDecoder(cache);
        }
        try {
            int n = read(body, d, declaredLength);
            d.decompress(d.body, n, limits.maxDecodedBytes());
            if (v2) {
                d.parseV2Decompressed();
                return appendV2(d);
            }
            d.parseDecompressed();
            return append(d);
        } catch (IOException e) {
            return clientError(400, "error reading the request body: " + e.getMessage());
        } catch (DecodeException e) {
            return clientError(400, e.getMessage());
        } catch (TooLargeException e) {
            return clientError(413, e.getMessage());
        } catch (LinkageError | org.xerial.snappy.SnappyError e) {
            LOG.error("remote write: snappy-java cannot decompress on this platform ({} {})",
                    System.getProperty("os.name"), System.getProperty("os.arch"), e);
            return new Answer(500, "snappy native library unavailable: " + e);
        } finally {
            d.trim();
            idle.offer(d);
        }
    }

    private static Answer clientError(int status, String message) {
        LOG.debug("remote write refused ({}): {}", status, message);
        return new Answer(status, message);
    }

    /**
     * Prometheus' rule: empty means remote write 1.0; otherwise the media type must be
     * {@code application/x-protobuf}, parameters are key=value, and {@code proto} names the message.
     * Returns why the header is refused, or {@code null}.
     */
    static String checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        String[] parts = contentType.trim().split(";");
        if (!parts[0].trim().equalsIgnoreCase(CONTENT_TYPE)) {
            return "expected " + CONTENT_TYPE + " as the first (media) part, got " + contentType + " content-type";
        }
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=");
            if (pair.length != 2) {
                return "as per https://www.rfc-editor.org/rfc/rfc9110#parameter expected parameters to be key-values, got "
                        + parts[i] + " in " + contentType + " content-type";
            }
            if (pair[0].trim().equals("proto")) {
                String message = pair[1].trim();
                if (!message.equals(V1) && !message.equals(V2)) {
                    return "got " + contentType + " content type; unknown remote write protobuf message " + message
                            + ", supported: " + V1 + ", " + V2;
                }
                return null;
            }
        }
        return null;
    }

    /** The protobuf message a Content-Type that {@link #checkContentType} accepted names. */
    private static String messageType(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String[] pair = part.split("=");
                if (pair.length == 2 && pair[0].trim().equals("proto")) {
                    return pair[1].trim();
                }
            }
        }
        return V1;
    }

    /** Only snappy (block format) is accepted; no header means snappy, as in Prometheus. */
    static String checkEncoding(String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isEmpty()
                || contentEncoding.trim().toLowerCase(Locale.ROOT).equals("snappy")) {
            return null;
        }
        return contentEncoding + " encoding (compression) is not accepted by this server; only snappy is acceptable";
    }

    /** Reads the body into the decoder's buffer, at most the configured limit; its length. */
    private int read(InputStream in, WriteRequestDecoder d, long declaredLength) throws IOException, TooLargeException {
        int limit = (int) Math.min(limits.maxBodyBytes(), MAX_ARRAY);
        byte[] buf = declaredLength > 0 ? d.growBody((int) Math.min(declaredLength, limit)) : d.body;
        int n = 0;
        while (true) {
            int room = Math.min(buf.length, limit) - n;
            if (room == 0) {
                if (n == limit) {
                    if (in.read() < 0) {
                        return n;
                    }
                    throw new TooLargeException("request body is larger than max.body.bytes = " + limits.maxBodyBytes());
                }
                buf = d.growBody((int) Math.min(limit, 2L * n));
                continue;
            }
            int r = in.read(buf, n, room);
            if (r < 0) {
                return n;
            }
            n += r;
        }
    }

    /** Appends every decoded sample in one batch; commits only when all were accepted. */
    private Answer append(WriteRequestDecoder d) {
        if (d.invalidSeries() > 0) {
            metrics.invalidLabelSamples(d.invalidSamples());
            LOG.warn("remote write: dropped {} series ({} samples) with invalid labels; the first: {}",
                    d.invalidSeries(), d.invalidSamples(), d.firstInvalid());
        }
        metrics.skipped(d.histograms(), d.exemplars());
        long maxTime = clock.getAsLong() + MAX_AHEAD_MS;
        Appender app;
        try {
            app = storage.appender();
        } catch (RuntimeException e) {
            return noAppender(e, -1);
        }
        int s = 0;
        int j = 0;
        try {
            for (; s < d.seriesCount(); s++) {
                SeriesCache.Entry e = d.series(s);
                long ref = e.ref;
                for (j = d.seriesStart(s); j < d.seriesEnd(s); j++) {
                    long t = d.timestamp(j);
                    if (t > maxTime) {
                        rollback(app);
                        return clientError(400, "out of bounds: timestamp is too far in the future: sample of "
                                + e.labels + " at " + t + " is more than 10m after the receiver's clock ("
                                + clock.getAsLong() + ")");
                    }
                    ref = app.append(ref, e.labels, t, d.value(j));
                }
                if (ref != e.ref) {
                    e.ref = ref;
                }
            }
            app.commit();
        } catch (StorageException e) {
            rollback(app);
            String at = s < d.seriesCount() && j < d.sampleCount()
                    ? " (sample of " + d.series(s).labels + " at " + d.timestamp(j) + ")" : "";
            return storageError(e, at);
        } catch (RuntimeException e) {
            rollback(app);
            LOG.error("remote write: appending failed", e);
            return new Answer(500, "appending failed: " + e);
        }
        metrics.appended(d.sampleCount());
        return Answer.NO_CONTENT;
    }

    /**
     * Remote write 2.0 allows partial writes: series with invalid labels and samples the storage
     * rejects (out of order, duplicate, too old, too far ahead) are left out and reported with 400,
     * everything else is committed; a retryable failure rolls back everything (503).
     */
    private Answer appendV2(WriteRequestDecoder d) {
        List<String> errors = new ArrayList<>();
        int rejected = 0;
        for (String reason : d.invalidReasons()) {
            errors.add("invalid labels: " + reason);
        }
        if (d.invalidSeries() > 0) {
            metrics.invalidLabelSamples(d.invalidSamples());
            rejected += d.invalidSeries() - d.invalidReasons().size();
        }
        metrics.skipped(d.histograms(), d.exemplars());
        long maxTime = clock.getAsLong() + MAX_AHEAD_MS;
        Appender app;
        try {
            app = storage.appender();
        } catch (RuntimeException e) {
            return noAppender(e, 0);
        }
        int written = 0;
        try {
            for (int s = 0; s < d.seriesCount(); s++) {
                SeriesCache.Entry e = d.series(s);
                long ref = e.ref;
                for (int j = d.seriesStart(s); j < d.seriesEnd(s); j++) {
                    long t = d.timestamp(j);
                    String error = null;
                    if (t > maxTime) {
                        error = "out of bounds: timestamp is too far in the future for series " + e.labels + " at " + t;
                    } else {
                        try {
                            ref = app.append(ref, e.labels, t, d.value(j));
                            written++;
                        } catch (StorageException x) {
                            if (x.retryable()) {
                                throw x;
                            }
                            error = x.getMessage() + " (sample of " + e.labels + " at " + t + ")";
                        }
                    }
                    if (error != null && errors.size() < MAX_ERRORS) {
                        errors.add(error);
                    } else if (error != null) {
                        rejected++;
                    }
                }
                if (ref != e.ref) {
                    e.ref = ref;
                }
            }
            app.commit();
        } catch (StorageException e) {
            rollback(app);
            return e.retryable() ? v2(storageError(e, null), 0) : new Answer(500, e.getMessage(), 0);
        } catch (RuntimeException e) {
            rollback(app);
            LOG.error("remote write: appending failed", e);
            return new Answer(500, "appending failed: " + e, 0);
        }
        metrics.appended(written);
        if (errors.isEmpty()) {
            return new Answer(204, null, written);
        }
        if (rejected > 0) {
            errors.add("and " + rejected + " more");
        }
        return v2(clientError(400, String.join("\n", errors)), written);
    }

    /** The answer when the storage gave no appender: 503 when worth retrying, else 500. */
    private static Answer noAppender(RuntimeException e, int written) {
        if (e instanceof StorageException s && s.retryable()) {
            return v2(storageError(s, null), written);
        }
        LOG.error("remote write: no appender", e);
        return new Answer(500, "appending failed: " + e, written);
    }

    private static Answer v2(Answer a, int written) {
        return new Answer(a.status(), a.message(), written);
    }

    /** Retryable failures (storage down or busy) are 503 so senders retry; rejected samples are 400. */
    private static Answer storageError(StorageException e, String at) {
        String message = e.getMessage() + (at == null ? "" : at);
        if (e.retryable()) {
            LOG.warn("remote write: storage unavailable: {}", message);
            return new Answer(503, message);
        }
        return clientError(400, message);
    }

    private static void rollback(Appender app) {
        try {
            app.rollback();
        } catch (RuntimeException e) {
            LOG.warn("remote write: rollback failed: {}", e.toString());
        }
    }
}
