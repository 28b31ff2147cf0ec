package io.pharos.exposition;

import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import java.io.IOException;
import java.io.Writer;
import java.util.Objects;

/**
 * Writes metric families in the text exposition format 0.0.4, as Prometheus' client libraries
 * do: {@code # HELP} (left out when there is no help), {@code # TYPE}, then one line per sample.
 * Types that 0.0.4 lacks are written as their nearest kin: info and stateset as gauge, gauge
 * histogram as histogram. Not thread-safe; one writer per response. It does not flush or close
 * the underlying writer.
 */
public final class TextFormatWriter implements MetricWriter {
    /** The Content-Type of a body in this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Writer out;
    /** Each line is built here and written in one call, sparing the Writer per-char calls. */
    private final StringBuilder line = new StringBuilder(128);

    public TextFormatWriter(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public TextFormatWriter family(String name, MetricType type, String help) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        StringBuilder sb = line;
        sb.setLength(0);
        if (help != null && !help.isEmpty()) {
            sb.append("# HELP ").append(name).append(' ');
            for (int i = 0; i < help.length(); i++) {
                char c = help.charAt(i);
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    default -> sb.append(c);
                }
            }
            sb.append('\n');
        }
        sb.append("# TYPE ").append(name).append(' ').append(typeText(type)).append('\n');
        out.append(sb);
        return this;
    }

    @Override
    public TextFormatWriter sample(String name, Labels labels, double value) throws IOException {
        write(name, labels, value, false, 0);
        return this;
    }

    @Override
    public TextFormatWriter sample(String name, Labels labels, double value, long timestampMs)
            throws IOException {
        write(name, labels, value, true, timestampMs);
        return this;
    }

    /** The 0.0.4 name of a type. */
    static String typeText(MetricType type) {
        return switch (type) {
            case COUNTER -> "counter";
            case GAUGE, INFO, STATESET -> "gauge";
            case HISTOGRAM, GAUGE_HISTOGRAM -> "histogram";
            case SUMMARY -> "summary";
            case UNKNOWN -> "untyped";
        };
    }

    private void write(String name, Labels labels, double value, boolean withTimestamp, long ts)
            throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labels, "labels");
        StringBuilder sb = line;
        sb.setLength(0);
        sb.append(name);
        boolean first = true;
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.name(i);
            if (label.equals(Labels.METRIC_NAME)) {
                continue; // the name is written in front; callers should not pass it
            }
            sb.append(first ? '{' : ',').append(label).append("=\"");
            Labels.appendEscaped(sb, labels.value(i));
            sb.append('"');
            first = false;
        }
        if (!first) {
            sb.append('}');
        }
        sb.append(' ');
        GoFloat.append(sb, value);
        if (withTimestamp) {
            sb.append(' ').append(ts);
        }
        sb.append('\n');
        out.append(sb);
    }
}
