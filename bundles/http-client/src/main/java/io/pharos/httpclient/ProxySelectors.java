package io.pharos.httpclient;

import io.pharos.config.HttpClientConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy choice of prometheus/common: {@code proxy_url} for every request, or, with
 * {@code no_proxy} or {@code proxy_from_environment}, Go's {@code httpproxy} rules (never for
 * loopback; {@code NO_PROXY} entries are hosts, {@code .domains}, IPs, CIDRs or {@code *}).
 */
final class ProxySelectors {
    private ProxySelectors() {
    }

    /** The selector for this configuration, or null when nothing is proxied. */
    static ProxySelector of(HttpClientConfig cfg, Map<String, String> env) {
        if (cfg.proxyFromEnvironment()) {
            URI http = envUri(env, "HTTP_PROXY");
            URI https = envUri(env, "HTTPS_PROXY");
            String noProxy = env.getOrDefault("NO_PROXY", env.getOrDefault("no_proxy", ""));
            return http == null && https == null ? null : new Rules(http, https, noProxy);
        }
        if (cfg.proxyUrl() == null) {
            return null;
        }
        if (cfg.noProxy().isEmpty()) {
            return ProxySelector.of(address(cfg.proxyUrl()));
        }
        return new Rules(cfg.proxyUrl(), cfg.proxyUrl(), cfg.noProxy());
    }

    private static URI envUri(Map<String, String> env, String name) {
        String v = env.getOrDefault(name, env.get(name.toLowerCase(Locale.ROOT)));
        if (v == null || v.isBlank()) {
            return null;
        }
        return URI.create(v.contains("://") ? v : "http://" + v);
    }

    private static InetSocketAddress address(URI proxy) {
        int port = proxy.getPort() > 0 ? proxy.getPort() : 80;
        return InetSocketAddress.createUnresolved(proxy.getHost(), port);
    }

    /** Whether Go's httpproxy would bypass the proxy for {@code host:port}. */
    static boolean bypass(String noProxy, String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || isLoopback(h)) {
            return true;
        }
        for (String raw : noProxy.split(",")) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                return true;
            }
            if (entry.contains("/")) {
                if (HostnameCheckingTrustManager.isIpLiteral(h) && inCidr(h, entry)) {
                    return true;
                }
                continue;
            }
            int colon = entry.lastIndexOf(':');
            boolean hostPort = colon > 0 && entry.indexOf(':') == colon; // one colon: not IPv6
            if (!hostPort && HostnameCheckingTrustManager.isIpLiteral(entry)) {
                if (entry.equals(h)) {
                    return true;
                }
                continue;
            }
            if (hostPort) {
                if (!entry.substring(colon + 1).equals(Integer.toString(port))) {
                    continue;
                }
                entry = entry.substring(0, colon);
            }
            if (entry.startsWith("*.")) {
                entry = entry.substring(1);
            }
            boolean subdomainsOnly = entry.startsWith(".");
            String suffix = subdomainsOnly ? entry : "." + entry;
            if (h.endsWith(suffix) || (!subdomainsOnly && h.equals(entry))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoopback(String host) {
        if (!HostnameCheckingTrustManager.isIpLiteral(host)) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean inCidr(String ip, String cidr) {
        try {
            int slash = cidr.indexOf('/');
            byte[] net = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            byte[] addr = InetAddress.getByName(ip.replace("[", "").replace("]", "")).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (net.length != addr.length || bits > net.length * 8) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((net[i / 8] & mask) != (addr[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }

    /** A proxy per scheme with a bypass list. */
    private static final class Rules extends ProxySelector {
        private final URI http;
        private final URI https;
        private final String noProxy;

        Rules(URI http, URI https, String noProxy) {
            this.http = http;
            this.https = https;
            this.noProxy = noProxy;
        }

        @Override
        public List<Proxy> select(URI uri) {
            URI proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            if (proxy == null || uri.getHost() == null || bypass(noProxy, uri.getHost(), port)) {
                return List.of(Proxy.NO_PROXY);
            }
            return List.of(new Proxy(Proxy.Type.HTTP, address(proxy)));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            // nothing to fall back to
        }
    }
}
