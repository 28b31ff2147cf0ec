package io.pharos.config;

import java.util.Locale;

/** A scrape protocol of {@code scrape_protocols}, with the media type Prometheus asks for it by. */
public enum ScrapeProtocol {
    PROMETHEUS_PROTO("PrometheusProto",
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited"),
    PROMETHEUS_TEXT_0_0_4("PrometheusText0.0.4", "text/plain;version=0.0.4"),
    PROMETHEUS_TEXT_1_0_0("PrometheusText1.0.0", "text/plain;version=1.0.0"),
    OPENMETRICS_TEXT_0_0_1("OpenMetricsText0.0.1", "application/openmetrics-text;version=0.0.1"),
    OPENMETRICS_TEXT_1_0_0("OpenMetricsText1.0.0", "application/openmetrics-text;version=1.0.0");

    private final String configName;
    private final String header;

    ScrapeProtocol(String configName, String header) {
        this.configName = configName;
        this.header = header;
    }

    /** The name in {@code scrape_protocols}, e.g. {@code OpenMetricsText1.0.0}. */
    public String configName() {
        return configName;
    }

    /** The Accept header element for this protocol, without escaping scheme or weight. */
    public String header() {
        return header;
    }

    /** The media type alone, e.g. {@code application/openmetrics-text}. */
    public String mediaType() {
        int semicolon = header.indexOf(';');
        return header.substring(0, semicolon).toLowerCase(Locale.ROOT);
    }

    /** Whether Prometheus adds {@code escaping=<scheme>} to this protocol's Accept element. */
    public boolean takesEscaping() {
        return this == PROMETHEUS_TEXT_1_0_0 || this == OPENMETRICS_TEXT_1_0_0;
    }

    /** The protocol named exactly {@code name}, as in the config file. */
    public static ScrapeProtocol of(String name) {
        for (ScrapeProtocol p : values()) {
            if (p.configName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown scrape protocol " + name + ", supported: "
                + new java.util.TreeSet<>(GlobalConfig.SCRAPE_PROTOCOLS));
    }
}
