package io.pharos.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pharos.spi.util.GoStrings;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code global} section. Unset (null or zero) values take Prometheus' defaults: scrape every
 * minute with a 10s timeout (never longer than the interval), evaluate rules every minute, no rule
 * query offset, no limits, UTF-8 metric names.
 *
 * @param scrapeInterval how often to scrape targets by default
 * @param scrapeTimeout how long a scrape may take by default; never greater than the interval
 * @param evaluationInterval how often to evaluate rules by default
 * @param ruleQueryOffset how far into the past rule evaluation queries by default
 * @param externalLabels labels added to series and alerts leaving this server, sorted by name
 * @param queryLogFile file PromQL queries are logged to; "" for none
 * @param scrapeFailureLogFile file scrape failures are logged to; "" for none
 * @param bodySizeLimit the largest uncompressed response body, as written ({@code 10MB}); "" for none
 * @param sampleLimit the most samples per scrape after relabelling; 0 for no limit
 * @param targetLimit the most targets per scrape config after relabelling; 0 for no limit
 * @param labelLimit the most labels per sample; 0 for no limit
 * @param labelNameLengthLimit the longest label name; 0 for no limit
 * @param labelValueLengthLimit the longest label value; 0 for no limit
 * @param keepDroppedTargets how many dropped targets to keep per job for the UI; 0 for all
 * @param metricNameValidationScheme {@code utf8} (the default) or {@code legacy}
 * @param metricNameEscapingScheme {@code allow-utf-8}, {@code underscores}, {@code dots} or
 *     {@code values}; defaults to {@code underscores} for legacy validation, else {@code allow-utf-8}
 * @param scrapeProtocols protocols offered when scraping, most wanted first; empty means each job
 *     picks Prometheus' default
 * @param scrapeNativeHistograms whether to ingest native histograms by default
 * @param alwaysScrapeClassicHistograms whether to keep classic histograms next to native ones
 * @param convertClassicHistogramsToNhcb whether to convert classic histograms to native histograms
 *     with custom buckets
 * @param extraScrapeMetrics whether to record the extra scrape_* series
 */
public record GlobalConfig(
        @JsonProperty("scrape_interval") Duration scrapeInterval,
        @JsonProperty("scrape_timeout") Duration scrapeTimeout,
        @JsonProperty("evaluation_interval") Duration evaluationInterval,
        @JsonProperty("rule_query_offset") Duration ruleQueryOffset,
        @JsonProperty("external_labels") Map<String, String> externalLabels,
        @JsonProperty("query_log_file") String queryLogFile,
        @JsonProperty("scrape_failure_log_file") String scrapeFailureLogFile,
        @JsonProperty("body_size_limit") String bodySizeLimit,
        @JsonProperty("sample_limit") int sampleLimit,
        @JsonProperty("target_limit") int targetLimit,
        @JsonProperty("label_limit") int labelLimit,
        @JsonProperty("label_name_length_limit") int labelNameLengthLimit,
        @JsonProperty("label_value_length_limit") int labelValueLengthLimit,
        @JsonProperty("keep_dropped_targets") int keepDroppedTargets,
        @JsonProperty("metric_name_validation_scheme") String metricNameValidationScheme,
        @JsonProperty("metric_name_escaping_scheme") String metricNameEscapingScheme,
        @JsonProperty("scrape_protocols") List<String> scrapeProtocols,
        @JsonProperty("scrape_native_histograms") boolean scrapeNativeHistograms,
        @JsonProperty("always_scrape_classic_histograms") boolean alwaysScrapeClassicHistograms,
        @JsonProperty("convert_classic_histograms_to_nhcb") boolean convertClassicHistogramsToNhcb,
        @JsonProperty("extra_scrape_metrics") boolean extraScrapeMetrics) {

    public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_SCRAPE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_EVALUATION_INTERVAL = Duration.ofMinutes(1);

    /** The protocols Prometheus can negotiate when scraping. */
    public static final Set<String> SCRAPE_PROTOCOLS = Set.of(
            "PrometheusProto", "PrometheusText0.0.4", "PrometheusText1.0.0",
            "OpenMetricsText0.0.1", "OpenMetricsText1.0.0");

    static final Set<String> ESCAPING_SCHEMES = Set.of("allow-utf-8", "underscores", "dots", "values");

    /** The global section of an empty file. */
    public static final GlobalConfig DEFAULT = new GlobalConfig(null, null, null, null, null);

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public GlobalConfig {
        scrapeInterval = orDefault(scrapeInterval, DEFAULT_SCRAPE_INTERVAL);
        if (scrapeTimeout != null && scrapeTimeout.compareTo(scrapeInterval) > 0) {
            throw new IllegalArgumentException("global scrape timeout greater than scrape interval");
        }
        scrapeTimeout = orDefault(scrapeTimeout, min(DEFAULT_SCRAPE_TIMEOUT, scrapeInterval));
        evaluationInterval = orDefault(evaluationInterval, DEFAULT_EVALUATION_INTERVAL);
        ruleQueryOffset = ruleQueryOffset == null ? Duration.ZERO : ruleQueryOffset;
        externalLabels = Frozen.labels(externalLabels);
        queryLogFile = queryLogFile == null ? "" : queryLogFile;
        scrapeFailureLogFile = scrapeFailureLogFile == null ? "" : scrapeFailureLogFile;
        bodySizeLimit = bodySizeLimit == null ? "" : bodySizeLimit;
        nonNegative("sample_limit", sampleLimit);
        nonNegative("target_limit", targetLimit);
        nonNegative("label_limit", labelLimit);
        nonNegative("label_name_length_limit", labelNameLengthLimit);
        nonNegative("label_value_length_limit", labelValueLengthLimit);
        nonNegative("keep_dropped_targets", keepDroppedTargets);
        metricNameValidationScheme = validationScheme(metricNameValidationScheme);
        metricNameEscapingScheme = escapingScheme(metricNameEscapingScheme, metricNameValidationScheme);
        scrapeProtocols = scrapeProtocols(Frozen.list(scrapeProtocols, "scrape_protocols"), "global config");
    }

    /** The sections every caller cares about; everything else at its default. */
    public GlobalConfig(Duration scrapeInterval, Duration scrapeTimeout, Duration evaluationInterval,
            Duration ruleQueryOffset, Map<String, String> externalLabels) {
        this(scrapeInterval, scrapeTimeout, evaluationInterval, ruleQueryOffset, externalLabels,
                null, null, null, 0, 0, 0, 0, 0, 0, null, null, null, false, false, false, false);
    }

    private static Duration orDefault(Duration d, Duration dflt) {
        return d == null || d.isZero() ? dflt : d;
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static void nonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
    }

    static String validationScheme(String s) {
        if (s == null || s.isEmpty()) {
            return "utf8";
        }
        if (!s.equals("utf8") && !s.equals("legacy")) {
            throw new IllegalArgumentException("unrecognized ValidationScheme: " + GoStrings.quote(s));
        }
        return s;
    }

    private static String escapingScheme(String s, String validation) {
        if (s == null || s.isEmpty()) {
            return validation.equals("legacy") ? "underscores" : "allow-utf-8";
        }
        if (!ESCAPING_SCHEMES.contains(s)) {
            throw new IllegalArgumentException("unknown global name escaping method specified, must be one of "
                    + "'allow-utf-8', 'underscores', 'dots', or 'values', got " + GoStrings.quote(s));
        }
        return s;
    }

    /** Checks a protocol list as Prometheus does: known names, no duplicates (ignoring case). */
    static List<String> scrapeProtocols(List<String> protocols, String owner) {
        Set<String> seen = new HashSet<>();
        for (String p : protocols) {
            if (!seen.add(p.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "duplicated protocol in scrape_protocols, got " + protocols + " for " + owner);
            }
            if (!SCRAPE_PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException("scrape_protocols: unknown scrape protocol " + p
                        + ", supported: " + new TreeSet<>(SCRAPE_PROTOCOLS) + " for " + owner);
            }
        }
        return protocols;
    }
}
