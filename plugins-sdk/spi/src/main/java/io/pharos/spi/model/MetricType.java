package io.pharos.spi.model;

/** Metric family types of the Prometheus text and OpenMetrics formats. */
public enum MetricType {
    COUNTER("counter"),
    GAUGE("gauge"),
    HISTOGRAM("histogram"),
    GAUGE_HISTOGRAM("gaugehistogram"),
    SUMMARY("summary"),
    INFO("info"),
    STATESET("stateset"),
    UNKNOWN("unknown");

    private final String text;

    MetricType(String text) {
        this.text = text;
    }

    /** The name used in {@code # TYPE} lines and the metadata API. */
    public String text() {
        return text;
    }

    /** The type named in a {@code # TYPE} line; {@code untyped} is {@link #UNKNOWN}. */
    public static MetricType fromText(String s) {
        for (MetricType t : values()) {
            if (t.text.equals(s)) {
                return t;
            }
        }
        if ("untyped".equals(s)) {
            return UNKNOWN;
        }
        throw new IllegalArgumentException("unknown metric type \"" + s + "\"");
    }
}
