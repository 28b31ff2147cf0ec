package io.pharos.discovery.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pharos.httpclient.ConfiguredClient;
import io.pharos.spi.discovery.Discoverer;
import io.pharos.spi.discovery.DiscoveryContext;
import io.pharos.spi.discovery.TargetGroup;
import io.pharos.spi.discovery.TargetGroupListener;
import io.pharos.spi.discovery.TargetGroups;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks one {@code http_sd_configs} URL for target groups at start and every refresh interval. A
 * failed refresh (transport error, status other than 200, another content type, bad JSON) is
 * logged and counted, and the last good groups stay.
 */
final class HttpDiscoverer implements Discoverer {
    static final String META_URL = "__meta_url";
    /** Jackson's pointer to where an unclosed value began: noise in a log line. */
    private static final String START_MARKER = " \\(start marker at \\[[^\\]]*\\]\\)";
    private static final Logger LOG = LoggerFactory.getLogger(HttpDiscoverer.class);
    private static final Pattern JSON_TYPE = Pattern.compile("(?i)application/json(;\\s*charset=(\"utf-8\"|utf-8))?");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final HttpSdConfig config;
    private final DiscoveryContext context;
    private final ConfiguredClient client;
    private final String userAgent;
    private final LongAdder failures;
    private final Object reportLock = new Object();
    private ScheduledExecutorService executor;
    private TargetGroupListener listener;
    private int lastLength;
    /** The last report; an identical answer is not reported again. */
    private List<TargetGroup> lastReport;
    private volatile boolean closed;

    HttpDiscoverer(HttpSdConfig config, DiscoveryContext context, ConfiguredClient client, String userAgent,
            LongAdder failures) {
        this.config = config;
        this.context = context;
        this.client = client;
        this.userAgent = userAgent;
        this.failures = failures;
    }

    @Override
    public void start(TargetGroupListener groupListener) {
        listener(groupListener);
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pharos-http-sd-" + context.jobName());
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::refresh, 0, config.refreshInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sets where updates go; {@link #start} does it, tests that call {@link #refresh} directly too. */
    void listener(TargetGroupListener groupListener) {
        this.listener = groupListener;
    }

    /** One refresh: reports the groups, or logs and counts the failure. */
    void refresh() {
        List<TargetGroup> groups;
        try {
            groups = fetch();
        } catch (IOException e) {
            failures.increment();
            LOG.error("job {}: unable to refresh target groups from {}: {}", context.jobName(), config.url(),
                    e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (groups.equals(lastReport)) {
            return;
        }
        List<TargetGroup> update = new ArrayList<>(groups);
        // Sources the endpoint no longer lists are sent empty, which removes them.
        update.addAll(TargetGroups.removed(config.url().toString(), groups.size(), lastLength));
        lastLength = groups.size();
        lastReport = groups;
        synchronized (reportLock) {
            if (!closed) {
                listener.update(update);
            }
        }
    }

    /** GETs the URL with Prometheus' headers and the entry's HTTP settings, and parses the answer. */
    List<TargetGroup> fetch() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url())
                .timeout(config.refreshInterval())
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .header("X-Prometheus-Refresh-Interval-Seconds", seconds(config.refreshInterval().toMillis()))
                .GET();
        client.decorator().decorate(request, config.url());
        HttpResponse<byte[]> response = client.http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("server returned HTTP status " + response.statusCode());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!JSON_TYPE.matcher(type.strip()).matches()) {
            throw new IOException("unsupported content type \"" + type + "\"");
        }
        Object tree;
        try {
            tree = JSON.readValue(response.body(), Object.class);
        } catch (JsonProcessingException e) {
            throw new IOException(e.getOriginalMessage().replaceAll(START_MARKER, ""), e);
        }
        String url = config.url().toString();
        try {
            return TargetGroups.fromTree(tree, url, META_URL, url, false);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Seconds as Go's {@code FormatFloat(s, 'f', -1, 64)} writes them: 60, 1.5. */
    static String seconds(long millis) {
        return BigDecimal.valueOf(millis).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    @Override
    public void close() {
        synchronized (reportLock) {
            closed = true;
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
