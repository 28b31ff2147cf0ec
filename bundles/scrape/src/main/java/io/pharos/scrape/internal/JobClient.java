package io.pharos.scrape.internal;

import java.net.http.HttpClient;

/**
 * How a job's targets are scraped: the HTTP client shared by every job with the same client
 * settings, and the per-request additions of this job.
 */
record JobClient(HttpClient http, RequestDecorator decorator) {
}
