package io.pharos.config;

import io.pharos.spi.util.GoStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A job's {@code scrape_protocols} (most wanted first) and {@code fallback_scrape_protocol} (null
 * when unset), typed. The job's list wins over the global one; with neither, Prometheus 3.x's
 * default applies.
 *
 * @param accept the protocols to offer, most wanted first
 * @param fallback the protocol to parse a body as when its Content-Type is missing or unusable
 * @param escapingScheme the {@code metric_name_escaping_scheme} that goes with the 1.0.0 formats
 */
public record ScrapeProtocols(List<ScrapeProtocol> accept, ScrapeProtocol fallback, String escapingScheme) {

    /** Prometheus 3.x's default, without native histograms. */
    public static final List<ScrapeProtocol> DEFAULT = List.of(ScrapeProtocol.OPENMETRICS_TEXT_1_0_0,
            ScrapeProtocol.OPENMETRICS_TEXT_0_0_1, ScrapeProtocol.PROMETHEUS_TEXT_1_0_0,
            ScrapeProtocol.PROMETHEUS_TEXT_0_0_4);

    /** Prometheus 3.x's default when native histograms are scraped: protobuf first. */
    public static final List<ScrapeProtocol> DEFAULT_NATIVE_HISTOGRAMS = List.of(ScrapeProtocol.PROMETHEUS_PROTO,
            ScrapeProtocol.OPENMETRICS_TEXT_1_0_0, ScrapeProtocol.OPENMETRICS_TEXT_0_0_1,
            ScrapeProtocol.PROMETHEUS_TEXT_1_0_0, ScrapeProtocol.PROMETHEUS_TEXT_0_0_4);

    public ScrapeProtocols {
        accept = List.copyOf(accept);
        escapingScheme = escapingScheme == null ? "allow-utf-8" : escapingScheme;
    }

    /** The protocols of a job, resolved against the global section. */
    public static ScrapeProtocols of(ScrapeConfig sc, GlobalConfig global) {
        Map<String, Object> extra = sc.extra();
        List<String> names = names(extra.get("scrape_protocols"), sc.jobName());
        if (names == null) {
            names = global.scrapeProtocols();
        }
        List<ScrapeProtocol> accept = new ArrayList<>();
        for (String n : names) {
            accept.add(ScrapeProtocol.of(n));
        }
        if (accept.isEmpty()) {
            Object nativeFlag = extra.get("scrape_native_histograms");
            boolean nativeHistograms = nativeFlag instanceof Boolean b ? b : global.scrapeNativeHistograms();
            accept.addAll(nativeHistograms ? DEFAULT_NATIVE_HISTOGRAMS : DEFAULT);
        }
        Object fallback = extra.get("fallback_scrape_protocol");
        return new ScrapeProtocols(accept, fallback == null ? null : ScrapeProtocol.of(String.valueOf(fallback)),
                escapingScheme(extra, global));
    }

    /**
     * Checks a job's raw fields as Prometheus does at load, naming the job: known protocol names,
     * no duplicates, not an empty list, a known fallback.
     */
    static void check(String job, Map<String, Object> extra) {
        String owner = "scrape config with job name " + GoStrings.quote(job);
        List<String> names = names(extra.get("scrape_protocols"), job);
        if (names != null) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("scrape_protocols cannot be empty for " + owner);
            }
            GlobalConfig.scrapeProtocols(names, owner);
        }
        Object fallback = extra.get("fallback_scrape_protocol");
        if (fallback != null) {
            try {
                ScrapeProtocol.of(String.valueOf(fallback));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid fallback_scrape_protocol for " + owner + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** The raw list of names, or null if the field is absent. */
    private static List<String> names(Object raw, String job) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("scrape_protocols must be a list of protocol names for scrape config"
                    + " with job name " + GoStrings.quote(job) + ", got " + raw);
        }
        List<String> names = new ArrayList<>(list.size());
        for (Object o : list) {
            names.add(String.valueOf(o));
        }
        return names;
    }

    private static String escapingScheme(Map<String, Object> extra, GlobalConfig global) {
        Object scheme = extra.get("metric_name_escaping_scheme");
        if (scheme instanceof String s && !s.isEmpty()) {
            return s;
        }
        if ("legacy".equals(extra.get("metric_name_validation_scheme"))) {
            return "underscores";
        }
        return global.metricNameEscapingScheme();
    }
}
