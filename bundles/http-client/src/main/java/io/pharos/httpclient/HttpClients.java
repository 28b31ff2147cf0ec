package io.pharos.httpclient;

import io.pharos.config.HttpClientConfig;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Builds one JDK {@link HttpClient} per distinct {@link HttpClientConfig} and keeps it while some
 * user (a scrape job, an Alertmanager set) has that configuration, so reloads that leave the
 * client settings alone keep the connections. Thread-safe.
 */
public final class HttpClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** One client of a configuration; several when its users spread their endpoints over shards. */
    private record Key(HttpClientConfig config, int shard) {
    }

    private final Executor executor;
    private final Map<Key, HttpClient> clients = new HashMap<>();

    /** @param executor runs the clients' asynchronous work; null for the JDK's default */
    public HttpClients(Executor executor) {
        this.executor = executor;
    }

    /**
     * The client for these settings, shared with earlier callers that had equal settings.
     *
     * @param compression whether to ask for gzip ({@code Accept-Encoding})
     * @throws IllegalArgumentException when the TLS material cannot be read or used
     */
    public ConfiguredClient client(HttpClientConfig cfg, boolean compression) {
        return client(cfg, compression, 0);
    }

    /**
     * Shard {@code shard} of the clients for these settings. A user with many endpoints (a scrape
     * job with 1,000 targets) spreads them over several clients: the JDK client's pool of idle
     * connections costs time linear in its size on every request (10% of a 1,000-target scrape
     * profile with one client).
     *
     * @throws IllegalArgumentException when the TLS material cannot be read or used
     */
    public synchronized ConfiguredClient client(HttpClientConfig cfg, boolean compression, int shard) {
        HttpClient client = clients.computeIfAbsent(new Key(cfg, shard), k -> build(cfg, executor, System.getenv()));
        return new ConfiguredClient(client, new RequestDecorator(cfg, compression));
    }

    /** How many shards {@code endpoints} endpoints of one configuration should use: about 64 per client. */
    public static int shardsFor(int endpoints) {
        int needed = (endpoints + 63) / 64;
        return needed <= 1 ? 1 : Integer.highestOneBit(needed - 1) << 1;
    }

    /** Forgets the clients none of {@code inUse} has. */
    public synchronized void retainOnly(Collection<ConfiguredClient> inUse) {
        Set<HttpClientConfig> used = new HashSet<>();
        for (ConfiguredClient c : inUse) {
            used.add(c.decorator().config());
        }
        clients.keySet().removeIf(k -> !used.contains(k.config()));
    }

    /** How many distinct clients are kept. */
    public synchronized int size() {
        return clients.size();
    }

    /** A client of its own (not shared) for these settings, with the process environment's proxies. */
    public static HttpClient build(HttpClientConfig cfg, Executor executor) {
        return build(cfg, executor, System.getenv());
    }

    static HttpClient build(HttpClientConfig cfg, Executor executor, Map<String, String> env) {
        TlsContexts.Tls tls = TlsContexts.build(cfg.tlsConfig());
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(cfg.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .version(cfg.enableHttp2() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .sslContext(tls.context())
                .sslParameters(tls.parameters());
        if (executor != null) {
            b.executor(executor);
        }
        ProxySelector proxy = ProxySelectors.of(cfg, env);
        if (proxy != null) {
            b.proxy(proxy);
        }
        return b.build();
    }
}
