package io.pharos.scrape.internal;

import io.pharos.spi.model.Labels;
import java.net.URI;
import java.time.Duration;

/**
 * One scrape target: its URL, the labels every sample from it gets ({@code job}, {@code instance}
 * and the static labels), and the scrape settings of its pool.
 */
record Target(String job, URI url, Labels labels, Duration interval, Duration timeout,
              boolean honorLabels, boolean honorTimestamps) {

    /** The key that identifies a target across config reloads. */
    String key() {
        return job + "|" + url + "|" + labels;
    }
}
