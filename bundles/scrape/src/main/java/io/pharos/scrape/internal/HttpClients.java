package io.pharos.scrape.internal;

import io.pharos.config.HttpClientConfig;
import io.pharos.config.ScrapeConfig;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Builds one JDK {@link HttpClient} per distinct {@link HttpClientConfig} and keeps it while some
 * job uses that configuration, so reloads that leave a job's client settings alone keep its
 * connections. Thread-safe.
 */
final class HttpClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Executor executor;
    private final Map<HttpClientConfig, HttpClient> clients = new HashMap<>();

    HttpClients(Executor executor) {
        this.executor = executor;
    }

    /**
     * The client for a job.
     *
     * @param configDir the configuration file's directory, for relative {@code *_file} paths
     * @throws IllegalArgumentException when the TLS material cannot be read or used
     */
    synchronized JobClient forJob(ScrapeConfig job, Path configDir) {
        HttpClientConfig cfg = job.httpClientConfig(configDir);
        HttpClient client = clients.get(cfg);
        if (client == null) {
            client = build(cfg, executor, System.getenv());
            clients.put(cfg, client);
        }
        return new JobClient(client, new RequestDecorator(cfg, job.enableCompression()));
    }

    /** Forgets the clients no job uses any more. */
    synchronized void retainOnly(Collection<JobClient> inUse) {
        Set<HttpClientConfig> used = new HashSet<>();
        for (JobClient c : inUse) {
            used.add(c.decorator().config());
        }
        clients.keySet().retainAll(used);
    }

    synchronized int size() {
        return clients.size();
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
