/**
 * JDK {@link java.net.http.HttpClient}s built from Prometheus' HTTP client settings
 * ({@link io.pharos.config.HttpClientConfig}: TLS, basic auth, authorization, proxy, headers), as
 * prometheus/common builds them for scraping, HTTP service discovery, alerting and remote write.
 *
 * <p>{@link io.pharos.httpclient.HttpClients} shares one client per distinct configuration;
 * {@link io.pharos.httpclient.RequestDecorator} adds what must be computed per request
 * (credentials read from files, headers).
 */
@Export
@Version("1.0.0")
package io.pharos.httpclient;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
