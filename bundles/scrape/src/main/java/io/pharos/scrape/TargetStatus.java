package io.pharos.scrape;

import io.pharos.spi.model.Labels;
import java.time.Duration;

/**
 * One active target and how its last scrape went.
 *
 * @param discoveredLabels the labels before relabeling (with {@code __address__} and friends)
 * @param labels the labels every sample of the target gets
 * @param health {@code up}, {@code down}, or {@code unknown} before the first scrape
 * @param lastScrapeMs wall-clock start of the last scrape, 0 before the first
 */
public record TargetStatus(String scrapePool, String scrapeUrl, Labels discoveredLabels, Labels labels,
                           String health, String lastError, long lastScrapeMs, double lastScrapeDurationSeconds,
                           Duration scrapeInterval, Duration scrapeTimeout) {
}
