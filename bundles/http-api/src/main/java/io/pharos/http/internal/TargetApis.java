package io.pharos.http.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pharos.config.Durations;
import io.pharos.scrape.DroppedTarget;
import io.pharos.scrape.MetricMetadata;
import io.pharos.scrape.ScrapeTargets;
import io.pharos.scrape.TargetMetadata;
import io.pharos.scrape.TargetStatus;
import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jetty.util.Fields;

/**
 * The target endpoints of Prometheus' API: {@code /api/v1/targets}, {@code /api/v1/targets/metadata}
 * and {@code /api/v1/metadata}, with its parameters, field order and error messages.
 */
final class TargetApis {
    /** Go's zero time, which Prometheus reports for a target never scraped. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Parses a {@code match_target} selector. */
    interface SelectorParser {
        List<LabelMatcher> parse(String selector) throws ApiException;
    }

    private TargetApis() {
    }

    /**
     * {@code state} ({@code active}, {@code dropped}, {@code any}; anything else shows neither, as
     * in Prometheus) and {@code scrapePool} filters; targets sorted by pool. The dropped counts
     * come with the dropped targets only.
     */
    static void targets(ScrapeTargets t, Fields params, JsonOutput json) throws IOException {
        String state = value(params, "state").trim().toLowerCase(Locale.ROOT);
        String pool = value(params, "scrapePool");
        boolean showActive = state.isEmpty() || state.equals("any") || state.equals("active");
        boolean showDropped = state.isEmpty() || state.equals("any") || state.equals("dropped");
        JsonGenerator g = json.gen;
        json.beginSuccess();
        g.writeStartObject();
        g.writeArrayFieldStart("activeTargets");
        if (showActive) {
            List<TargetStatus> active = new ArrayList<>(t.active());
            active.sort(Comparator.comparing(TargetStatus::scrapePool));
            for (TargetStatus s : active) {
                if (pool.isEmpty() || pool.equals(s.scrapePool())) {
                    activeTarget(s, json);
                }
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("droppedTargets");
        if (showDropped) {
            List<DroppedTarget> dropped = new ArrayList<>(t.dropped());
            dropped.sort(Comparator.comparing(DroppedTarget::scrapePool));
            for (DroppedTarget d : dropped) {
                if (pool.isEmpty() || pool.equals(d.scrapePool())) {
                    g.writeStartObject();
                    g.writeFieldName("discoveredLabels");
                    json.labels(d.discoveredLabels());
                    g.writeStringField("scrapePool", d.scrapePool());
                    g.writeEndObject();
                }
            }
        }
        g.writeEndArray();
        g.writeFieldName("droppedTargetCounts");
        if (showDropped) {
            json.value(new TreeMap<>(t.droppedCounts()));
        } else {
            g.writeNull();
        }
        g.writeEndObject();
        json.endSuccess(List.of(), List.of());
    }

    private static void activeTarget(TargetStatus s, JsonOutput json) throws IOException {
        JsonGenerator g = json.gen;
        g.writeStartObject();
        g.writeFieldName("discoveredLabels");
        json.labels(s.discoveredLabels());
        g.writeFieldName("labels");
        json.labels(s.labels());
        g.writeStringField("scrapePool", s.scrapePool());
        g.writeStringField("scrapeUrl", s.scrapeUrl());
        g.writeStringField("globalUrl", s.scrapeUrl());
        g.writeStringField("lastError", s.lastError());
        g.writeStringField("lastScrape", s.lastScrapeMs() == 0 ? ZERO_TIME : rfc3339(s.lastScrapeMs()));
        g.writeNumberField("lastScrapeDuration", s.lastScrapeDurationSeconds());
        g.writeStringField("health", s.health());
        g.writeStringField("scrapeInterval", Durations.format(s.scrapeInterval()));
        g.writeStringField("scrapeTimeout", Durations.format(s.scrapeTimeout()));
        g.writeEndObject();
    }

    /** Go's RFC 3339 with nanoseconds: the fraction without trailing zeros, none when zero. */
    static String rfc3339(long ms) {
        Instant i = Instant.ofEpochMilli(ms);
        StringBuilder sb = new StringBuilder(SECONDS.format(i));
        int frac = (int) Math.floorMod(ms, 1000L);
        if (frac != 0) {
            String digits = String.format(Locale.ROOT, "%03d", frac).replaceAll("0+$", "");
            sb.append('.').append(digits);
        }
        return sb.append('Z').toString();
    }

    /**
     * {@code /api/v1/targets/metadata}: one entry per target and family, filtered by
     * {@code match_target} and {@code metric}; {@code limit} stops adding targets once that many
     * entries are there (negative: no limit). With {@code metric} the entries leave the name out.
     */
    static void targetMetadata(ScrapeTargets t, Fields params, SelectorParser parser, JsonOutput json)
            throws IOException, ApiException {
        int limit = limit(params, "limit");
        List<LabelMatcher> matchers = parser.parse(value(params, "match_target"));
        String metric = value(params, "metric");
        JsonGenerator g = json.gen;
        json.beginSuccess();
        g.writeStartArray();
        int written = 0;
        for (TargetMetadata tm : t.metadata()) {
            if (limit >= 0 && written >= limit) {
                break;
            }
            if (!matches(matchers, tm.labels())) {
                continue;
            }
            for (MetricMetadata m : tm.metadata()) {
                if (metric.isEmpty() || metric.equals(m.metric())) {
                    g.writeStartObject();
                    g.writeFieldName("target");
                    json.labels(tm.labels());
                    if (metric.isEmpty()) {
                        g.writeStringField("metric", m.metric());
                    }
                    writeMetadata(g, m);
                    g.writeEndObject();
                    written++;
                }
            }
        }
        g.writeEndArray();
        json.endSuccess(List.of(), List.of());
    }

    /**
     * {@code /api/v1/metadata}: per family the distinct (type, help, unit) of all targets, at most
     * {@code limit_per_metric} of them (when positive) and at most {@code limit} families (when
     * not negative), sorted by name.
     */
    static void metadata(ScrapeTargets t, Fields params, JsonOutput json) throws IOException, ApiException {
        int limit = limit(params, "limit");
        int limitPerMetric = limit(params, "limit_per_metric");
        String metric = value(params, "metric");
        Map<String, Set<MetricMetadata>> families = new TreeMap<>();
        for (TargetMetadata tm : t.metadata()) {
            for (MetricMetadata m : tm.metadata()) {
                if (!metric.isEmpty() && !metric.equals(m.metric())) {
                    continue;
                }
                Set<MetricMetadata> distinct = families.computeIfAbsent(m.metric(), k -> new LinkedHashSet<>());
                if (limitPerMetric <= 0 || distinct.size() < limitPerMetric) {
                    distinct.add(m);
                }
            }
        }
        JsonGenerator g = json.gen;
        json.beginSuccess();
        g.writeStartObject();
        int written = 0;
        for (Map.Entry<String, Set<MetricMetadata>> e : families.entrySet()) {
            if (limit >= 0 && written >= limit) {
                break;
            }
            g.writeArrayFieldStart(e.getKey());
            for (MetricMetadata m : e.getValue()) {
                g.writeStartObject();
                writeMetadata(g, m);
                g.writeEndObject();
            }
            g.writeEndArray();
            written++;
        }
        g.writeEndObject();
        json.endSuccess(List.of(), List.of());
    }

    private static void writeMetadata(JsonGenerator g, MetricMetadata m) throws IOException {
        g.writeStringField("type", m.type().text());
        g.writeStringField("help", m.help());
        g.writeStringField("unit", m.unit());
    }

    private static boolean matches(List<LabelMatcher> matchers, Labels labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels.getOrEmpty(m.name()))) {
                return false;
            }
        }
        return true;
    }

    /** An integer parameter; absent is -1 (no limit). */
    private static int limit(Fields params, String name) throws ApiException {
        String v = value(params, name);
        if (v.isEmpty()) {
            return -1;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badData(name + " must be a number");
        }
    }

    private static String value(Fields params, String name) {
        String v = params.getValue(name);
        return v == null ? "" : v;
    }
}
