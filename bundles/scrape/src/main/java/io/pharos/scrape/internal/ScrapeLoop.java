package io.pharos.scrape.internal;

import io.pharos.exposition.ExpositionException;
import io.pharos.exposition.ExpositionParser;
import io.pharos.exposition.OpenMetricsParser;
import io.pharos.exposition.TextParser;
import io.pharos.httpclient.ConfiguredClient;
import io.pharos.httpclient.RequestDecorator;
import io.pharos.relabel.Relabeler;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.StaleMarker;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.StorageException;
import io.pharos.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes one target: fetches its exposition, appends every sample with the target's labels, then
 * the synthetic series {@code up}, {@code scrape_duration_seconds}, {@code scrape_samples_scraped},
 * {@code scrape_samples_post_metric_relabeling} and {@code scrape_series_added}; writes staleness
 * markers for series that disappeared. Runs on one thread at a time.
 */
final class ScrapeLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ScrapeLoop.class);

    /** A series this target exposed recently, with its storage reference. */
    private static final class Entry {
        final Labels labels;
        final long firstSeen;
        long ref;
        long lastSeen;
        /** False for a series with explicit timestamps unless track_timestamps_staleness is on. */
        boolean tracked = true;

        Entry(Labels labels, long firstSeen) {
            this.labels = labels;
            this.firstSeen = firstSeen;
        }
    }

    private final Target target;
    private final Storage storage;
    private final HttpClient client;
    private final RequestDecorator decorator;
    private final ScrapeStats stats;
    private final String userAgent;
    private final String accept;
    private final TextParser textParser = new TextParser(new byte[0], 0, 0);
    /** Made on the first OpenMetrics body. */
    private OpenMetricsParser openMetricsParser;
    /** The parser of the last fetched body, picked by its Content-Type. */
    private ExpositionParser parser = textParser;
    private final Labels.Builder builder = new Labels.Builder();
    private final ByteKeyMap<Entry> cache = new ByteKeyMap<>();
    private final MetadataTracker metadata = new MetadataTracker();
    /** Reads the current parser field at each call: the parser changes with the Content-Type. */
    private final java.util.function.Supplier<String> helpText = () -> parser.help();
    private final Entry[] report;
    private static final long TIMESTAMP_TOLERANCE_MS = 2;
    private byte[] buf = new byte[64 * 1024];
    private long lastTimestamp;
    private long iteration;
    private boolean stopped;
    /** Samples of the last parsed body that metric relabeling kept. */
    private int lastKept;
    /** The counts of a body whose parsing failed, up to the failure. */
    private int failedScraped;
    private int failedAdded;

    private volatile String lastError = "";
    private volatile long lastScrapeMs;
    private volatile double lastDurationSeconds;
    private volatile boolean healthy;
    /** Set while the target's pool is over its target_limit: the target fails without a scrape. */
    private volatile String forcedError;

    ScrapeLoop(Target target, Storage storage, HttpClient client, ScrapeStats stats, String userAgent) {
        this(target, storage, new ConfiguredClient(client, RequestDecorator.DEFAULT), stats, userAgent);
    }

    ScrapeLoop(Target target, Storage storage, ConfiguredClient client, ScrapeStats stats, String userAgent) {
        this.target = target;
        this.storage = storage;
        this.client = client.http();
        this.decorator = client.decorator();
        this.stats = stats;
        this.userAgent = userAgent;
        this.accept = target.negotiation().accept();
        String[] names = {"up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added"};
        report = new Entry[names.length];
        for (int i = 0; i < names.length; i++) {
            report[i] = new Entry(target.labels().toBuilder().set(Labels.METRIC_NAME, names[i]).build(), 0);
        }
    }

    Target target() {
        return target;
    }

    String lastError() {
        return lastError;
    }

    boolean healthy() {
        return healthy;
    }

    long lastScrapeMs() {
        return lastScrapeMs;
    }

    double lastDurationSeconds() {
        return lastDurationSeconds;
    }

    /** The metric metadata of the target's recent scrapes, sorted by family. */
    java.util.List<io.pharos.scrape.MetricMetadata> metadata() {
        return metadata.snapshot();
    }

    /** Fails every scrape with this error instead of fetching (null: scrape normally). */
    void forceError(String error) {
        forcedError = error;
    }

    @Override
    public void run() {
        try {
            scrape(System.currentTimeMillis());
        } catch (RuntimeException e) {
            // Never let an exception cancel the periodic task.
            LOG.error("scrape of {} failed unexpectedly", target.url(), e);
        }
    }

    /** One scrape at wall-clock time {@code start} (ms). */
    synchronized void scrape(long start) {
        if (stopped) {
            return;
        }
        start = align(start);
        long t0 = System.nanoTime();
        int bodyLength = -1;
        String error = forcedError;
        try {
            if (error == null) {
                bodyLength = fetch();
            }
        } catch (IOException | ScrapeException e) {
            error = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        double duration = (System.nanoTime() - t0) / 1e9;
        Appender app;
        try {
            app = storage.appender();
        } catch (StorageException e) {
            record(start, duration, "storage: " + e.getMessage());
            LOG.warn("scrape of {} not stored: {}", target.url(), e.getMessage());
            return;
        }
        iteration++;
        int scraped = 0;
        int added = 0;
        if (bodyLength >= 0) {
            try {
                long counts = appendBody(app, buf, bodyLength, start);
                scraped = (int) (counts >>> 32);
                added = (int) counts;
            } catch (ExpositionException | ScrapeException e) {
                // A malformed body stores nothing of that scrape, as in Prometheus; the report
                // still counts what was read before the error (all of it for sample_limit).
                app.rollback();
                app = storage.appender();
                error = e.getMessage();
                scraped = failedScraped;
                added = failedAdded;
                forgetThisScrape();
            }
        }
        boolean up = error == null;
        try {
            markStale(app, start);
            appendReport(app, start, up, duration, scraped, bodyLength < 0 ? 0 : lastKept, added);
            app.commit();
        } catch (StorageException e) {
            app.rollback();
            error = "storage: " + e.getMessage();
            LOG.warn("scrape of {} not stored: {}", target.url(), e.getMessage());
        }
        record(start, duration, error);
    }

    private void record(long start, double duration, String error) {
        lastScrapeMs = start;
        lastDurationSeconds = duration;
        healthy = error == null;
        lastError = error == null ? "" : error;
        if (error != null) {
            LOG.debug("scrape of {} failed: {}", target.url(), error);
        }
    }

    /**
     * Fetches the exposition into {@link #buf} and returns its length. The buffer is reused
     * across scrapes; the body size limit applies to the uncompressed body.
     */
    private int fetch() throws IOException, InterruptedException, ScrapeException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url())
                .timeout(target.timeout())
                .header("Accept", accept)
                .header("Accept-Encoding", "gzip")
                .header("User-Agent", userAgent)
                .header("X-Prometheus-Scrape-Timeout-Seconds",
                        String.format(Locale.ROOT, "%g", target.timeout().toMillis() / 1000.0))
                .GET();
        try {
            decorator.decorate(request, target.url());
        } catch (IOException e) {
            throw new ScrapeException(e.getMessage());
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new ScrapeException("Get \"" + target.url() + "\": context deadline exceeded");
        } catch (IOException e) {
            throw new ScrapeException("Get \"" + target.url() + "\": " + describe(e));
        }
        try (InputStream raw = response.body()) {
            if (response.statusCode() != 200) {
                throw new ScrapeException("server returned HTTP status " + response.statusCode());
            }
            parser = parserFor(response.headers().firstValue("Content-Type").orElse(null));
            boolean gzip = response.headers().firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase)
                    .orElse(false);
            try (InputStream in = gzip ? new GZIPInputStream(raw, 8192) : raw) {
                return readBody(in);
            }
        } catch (HttpTimeoutException e) {
            throw new ScrapeException("Get \"" + target.url() + "\": context deadline exceeded");
        }
    }

    private ExpositionParser parserFor(String contentType) throws ScrapeException {
        if (target.negotiation().select(contentType) == ContentNegotiation.Format.PROMETHEUS_TEXT) {
            return textParser;
        }
        if (openMetricsParser == null) {
            openMetricsParser = new OpenMetricsParser(new byte[0], 0, 0);
        }
        return openMetricsParser;
    }

    private int readBody(InputStream in) throws IOException, ScrapeException {
        long limit = target.limits().bodySizeLimit();
        int len = 0;
        int n;
        while ((n = in.read(buf, len, buf.length - len)) >= 0) {
            len += n;
            if (limit > 0 && len > limit) {
                throw new ScrapeException("body size limit exceeded");
            }
            if (len == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
        }
        return len;
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "connection refused" + (m == null || m.isEmpty() ? "" : " (" + m + ")");
        }
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    /** Appends the body's samples; returns (scraped << 32 | added). */
    private long appendBody(Appender app, byte[] body, int length, long start)
            throws ExpositionException, ScrapeException {
        parser.reset(body, 0, length);
        metadata.begin();
        try {
            return appendSeries(app, body, start);
        } finally {
            metadata.end();
        }
    }

    private long appendSeries(Appender app, byte[] body, long start) throws ExpositionException, ScrapeException {
        int sampleLimit = target.limits().sampleLimit();
        int scraped = 0;
        int added = 0;
        int kept = 0;
        failedScraped = 0;
        failedAdded = 0;
        lastKept = 0;
        ExpositionParser.Entry kind;
        while ((kind = parser.next()) != ExpositionParser.Entry.EOF) {
            if (kind != ExpositionParser.Entry.SERIES) {
                trackMetadata(kind, body);
                continue;
            }
            scraped++;
            failedScraped = scraped;
            int keyOff = parser.seriesOffset();
            int keyLen = parser.seriesLength();
            int hash = ByteKeyMap.hash(body, keyOff, keyLen);
            Entry e = cache.get(body, keyOff, keyLen, hash);
            if (e == null) {
                parser.labels(builder);
                e = new Entry(withTargetLabels(builder), iteration);
                if (e.labels != null) {
                    checkLabelLimits(e.labels);
                }
                cache.put(body, keyOff, keyLen, hash, e);
                // As Prometheus, a series past the sample limit does not count as added.
                if (e.labels != null && (sampleLimit == 0 || kept < sampleLimit)) {
                    added++;
                    failedAdded = added;
                }
            }
            if (e.labels == null) {
                // Dropped by metric relabeling: remembered, so the rules run once per series.
                e.lastSeen = iteration;
                continue;
            }
            kept++;
            lastKept = kept;
            if (sampleLimit > 0 && kept > sampleLimit) {
                // As Prometheus: keep reading to count every sample, then fail the scrape.
                continue;
            }
            boolean explicit = target.honorTimestamps() && parser.hasTimestamp();
            e.tracked = !explicit || target.trackTimestampsStaleness();
            long t = explicit ? parser.timestamp() : start;
            try {
                e.ref = app.append(e.ref, e.labels, t, parser.value());
                e.lastSeen = iteration;
            } catch (StorageException rejected) {
                if (rejected.retryable()) {
                    throw rejected;
                }
                stats.rejected(rejected.getMessage());
                e.lastSeen = iteration;
            }
        }
        if (sampleLimit > 0 && kept > sampleLimit) {
            throw new ScrapeException("sample limit exceeded");
        }
        return ((long) scraped << 32) | added;
    }

    /** Keeps the family metadata of HELP and TYPE lines (no allocation when unchanged). */
    private void trackMetadata(ExpositionParser.Entry kind, byte[] body) {
        if (kind == ExpositionParser.Entry.HELP) {
            metadata.help(body, parser.familyNameOffset(), parser.familyNameLength(), parser.helpOffset(),
                    parser.helpLength(), helpText);
        } else if (kind == ExpositionParser.Entry.TYPE) {
            metadata.type(body, parser.familyNameOffset(), parser.familyNameLength(), parser.type());
        } else if (kind == ExpositionParser.Entry.UNIT) {
            metadata.unit(body, parser.familyNameOffset(), parser.familyNameLength(), parser.unitOffset(),
                    parser.unitLength());
        }
    }

    /**
     * Adds the target's labels, then applies metric relabeling (null: dropped). Without
     * honor_labels a scraped label that clashes is kept as {@code exported_<name>}; with it, the
     * scraped value wins.
     */
    private Labels withTargetLabels(Labels.Builder b) {
        Labels t = target.labels();
        for (int i = 0; i < t.size(); i++) {
            String name = t.name(i);
            if (target.honorLabels()) {
                // The scraped label wins, even when empty: then the series has no such label.
                if (!parser.hasLabel(name)) {
                    b.set(name, t.value(i));
                }
                continue;
            }
            String scraped = b.get(name);
            if (scraped != null) {
                String exported = "exported_" + name;
                while (b.get(exported) != null) {
                    exported = "exported_" + exported;
                }
                b.set(exported, scraped);
            }
            b.set(name, t.value(i));
        }
        if (!target.metricRelabeling().isEmpty() && !Relabeler.process(b, target.metricRelabeling())) {
            return null;
        }
        return b.build();
    }

    /** Prometheus' label limits, with its messages; checked once per new series. */
    private void checkLabelLimits(Labels labels) throws ScrapeException {
        ScrapeLimits limits = target.limits();
        String metric = shorten(labels.getOrEmpty(Labels.METRIC_NAME));
        if (limits.labelLimit() > 0 && labels.size() > limits.labelLimit()) {
            throw new ScrapeException("label_limit exceeded (metric: " + metric + ", number of labels: "
                    + labels.size() + ", limit: " + limits.labelLimit() + ")");
        }
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            String value = labels.value(i);
            if (limits.labelNameLengthLimit() > 0 && name.length() > limits.labelNameLengthLimit()) {
                throw new ScrapeException("label_name_length_limit exceeded (metric: " + metric + ", label name: "
                        + shorten(name) + ", length: " + name.length() + ", limit: " + limits.labelNameLengthLimit() + ")");
            }
            if (limits.labelValueLengthLimit() > 0 && value.length() > limits.labelValueLengthLimit()) {
                throw new ScrapeException("label_value_length_limit exceeded (metric: " + metric + ", label name: "
                        + shorten(name) + ", value: \"" + shorten(value) + "\", length: " + value.length()
                        + ", limit: " + limits.labelValueLengthLimit() + ")");
            }
        }
    }

    private static String shorten(String s) {
        return s.length() <= 50 ? s : s.substring(0, 50);
    }

    /**
     * Prometheus' timestamp alignment: a scrape that starts within 2 ms of one interval after the
     * last one takes exactly that time, so regular series compress to almost nothing.
     */
    private long align(long start) {
        long expected = lastTimestamp + target.interval().toMillis();
        long aligned = lastTimestamp != 0 && Math.abs(start - expected) <= TIMESTAMP_TOLERANCE_MS ? expected : start;
        lastTimestamp = aligned;
        return aligned;
    }

    /**
     * After a rolled-back scrape: series first met in it were never stored, so they are dropped
     * from the cache; the others count as not seen, so that they go stale.
     */
    private void forgetThisScrape() {
        cache.removeIf(e -> e.firstSeen == iteration);
        cache.forEachValue(e -> e.lastSeen = -1);
    }

    /**
     * The cache holds exactly the series of the last successful scrape, so every entry not seen
     * in this one disappeared: it gets a staleness marker and leaves the cache.
     */
    private void markStale(Appender app, long t) {
        cache.removeIf(e -> {
            if (e.lastSeen < iteration) {
                if (e.tracked) {
                    appendQuietly(app, e, t, StaleMarker.VALUE);
                }
                return true;
            }
            return false;
        });
    }

    private void appendReport(Appender app, long t, boolean up, double duration, int scraped, int kept,
            int added) {
        appendQuietly(app, report[0], t, up ? 1 : 0);
        appendQuietly(app, report[1], t, duration);
        appendQuietly(app, report[2], t, scraped);
        appendQuietly(app, report[3], t, kept);
        appendQuietly(app, report[4], t, added);
    }

    private void appendQuietly(Appender app, Entry e, long t, double v) {
        if (e.labels == null) {
            return; // dropped by metric relabeling: never stored, so never stale
        }
        try {
            e.ref = app.append(e.ref, e.labels, t, v);
        } catch (StorageException rejected) {
            if (rejected.retryable()) {
                throw rejected;
            }
            stats.rejected(rejected.getMessage());
        }
    }

    /** Stops the loop; when the target went away, its series are marked stale at {@code t}. */
    synchronized void stop(boolean markStale, long t) {
        if (stopped) {
            return;
        }
        stopped = true;
        if (!markStale) {
            return;
        }
        try {
            Appender app = storage.appender();
            cache.forEachValue(e -> {
                if (e.tracked) {
                    appendQuietly(app, e, t, StaleMarker.VALUE);
                }
            });
            for (Entry e : report) {
                appendQuietly(app, e, t, StaleMarker.VALUE);
            }
            app.commit();
        } catch (StorageException e) {
            LOG.debug("staleness markers for {} not stored: {}", target.url(), e.getMessage());
        }
        cache.clear();
    }

    /** A scrape failed before parsing: the message becomes the target's last error. */
    static final class ScrapeException extends Exception {
        private static final long serialVersionUID = 1L;

        ScrapeException(String message) {
            super(message);
        }
    }
}
