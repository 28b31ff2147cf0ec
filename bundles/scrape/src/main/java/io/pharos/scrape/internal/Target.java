package io.pharos.scrape.internal;

import io.pharos.spi.model.Labels;
import java.net.URI;
import io.pharos.relabel.RelabelConfig;
import java.time.Duration;
import java.util.List;

/**
 * One scrape target: its URL, the labels every sample from it gets ({@code job}, {@code instance}
 * and the static labels), and the scrape settings of its pool. With {@code trackTimestampsStaleness}
 * off (Prometheus' default), series exposed with their own timestamps get no staleness markers.
 */
record Target(String job, URI url, Labels labels, Duration interval, Duration timeout,
              boolean honorLabels, boolean honorTimestamps, List<RelabelConfig> metricRelabeling,
              Labels discoveredLabels, ScrapeLimits limits, boolean trackTimestampsStaleness,
              ContentNegotiation negotiation) {

    Target {
        metricRelabeling = List.copyOf(metricRelabeling);
        discoveredLabels = discoveredLabels == null ? Labels.EMPTY : discoveredLabels;
        limits = limits == null ? ScrapeLimits.NONE : limits;
        negotiation = negotiation == null ? ContentNegotiation.DEFAULT : negotiation;
    }

    Target(String job, URI url, Labels labels, Duration interval, Duration timeout, boolean honorLabels,
           boolean honorTimestamps) {
        this(job, url, labels, interval, timeout, honorLabels, honorTimestamps, List.of(), Labels.EMPTY,
                ScrapeLimits.NONE, false, null);
    }

    /** The same target with the job's metric relabeling rules and limits. */
    Target withJobSettings(List<RelabelConfig> rules, ScrapeLimits jobLimits) {
        return new Target(job, url, labels, interval, timeout, honorLabels, honorTimestamps, rules,
                discoveredLabels, jobLimits, trackTimestampsStaleness, negotiation);
    }

    /** The same target with the job's scrape protocols. */
    Target withNegotiation(ContentNegotiation jobNegotiation) {
        return new Target(job, url, labels, interval, timeout, honorLabels, honorTimestamps, metricRelabeling,
                discoveredLabels, limits, trackTimestampsStaleness, jobNegotiation);
    }

    /** The key that identifies a target across config reloads. */
    String key() {
        return job + "|" + url + "|" + labels + "|" + interval + "|" + timeout + "|" + honorLabels + "|"
                + honorTimestamps + "|" + metricRelabeling + "|" + limits + "|" + trackTimestampsStaleness + "|"
                + negotiation;
    }
}
