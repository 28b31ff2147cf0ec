package io.pharos.http;

import org.eclipse.jetty.server.Request;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An endpoint another bundle serves on Pharos' HTTP server (whiteboard pattern): register an
 * implementation as an OSGi service with the service property {@link #PATH}, e.g.
 * {@code @Component(property = HttpRoute.PATH + "=/api/v1/write")}. The server sends every request
 * for exactly that path to it, whatever the method, while the service is registered; without one
 * the path answers 404 as before.
 *
 * <p><b>Contract.</b> Jetty 12's {@link Request.Handler}: set the status, write the response and
 * complete the callback; return {@code false} only when nothing was written, and the server then
 * answers 404. Requests arrive on the server's threads, several at once. The server counts the
 * answer in {@code prometheus_http_requests_total} under the route's path.
 *
 * <p>When two services claim one path, the one registered first serves it; the other is logged
 * and serves nothing until the first goes away.
 */
@ConsumerType
public interface HttpRoute extends Request.Handler {
    /** Service property: the exact request path the route serves, e.g. {@code /api/v1/write}. */
    String PATH = "pharos.http.path";
}
