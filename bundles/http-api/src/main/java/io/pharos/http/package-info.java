/**
 * Routes that other bundles add to Pharos' HTTP server: register an {@link io.pharos.http.HttpRoute}
 * service and the server answers its path with it while the service is registered. Kernel-internal
 * API (like {@code io.pharos.storage}), not part of the plugin SPI: it exposes Jetty 12's core
 * request types, which is what the server is built on.
 */
@Export
@Version("1.0.0")
package io.pharos.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
