package io.pharos.http.internal;

import io.pharos.http.HttpRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes other bundles registered (whiteboard), by exact path. A path claimed twice is served
 * by the earlier service; the later one waits and takes over when the earlier goes away.
 */
final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    private record Claim(HttpRoute route, String path) {
    }

    private final List<Claim> claims = new ArrayList<>();
    private final Map<String, HttpRoute> active = new ConcurrentHashMap<>();

    /** Adds a route for the path in its {@link HttpRoute#PATH} property; ignored without one. */
    synchronized void add(HttpRoute route, Map<String, Object> props) {
        Object p = props.get(HttpRoute.PATH);
        if (!(p instanceof String path) || !path.startsWith("/")) {
            LOG.warn("HTTP route {} ignored: its service property {} must be a path starting with '/', got {}",
                    route.getClass().getName(), HttpRoute.PATH, p);
            return;
        }
        claims.add(new Claim(route, path));
        HttpRoute present = active.putIfAbsent(path, route);
        if (present != null) {
            LOG.warn("HTTP route {} for {} waits: {} already serves that path", route.getClass().getName(), path,
                    present.getClass().getName());
        }
    }

    synchronized void remove(HttpRoute route) {
        claims.removeIf(c -> c.route() == route);
        active.values().removeIf(r -> r == route);
        for (Claim c : claims) {
            active.putIfAbsent(c.path(), c.route());
        }
    }

    /** The route serving exactly this path, or {@code null}. */
    HttpRoute get(String path) {
        return active.get(path);
    }
}
