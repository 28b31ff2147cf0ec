package io.pharos.notifier.internal;

import io.pharos.httpclient.ConfiguredClient;
import io.pharos.notifier.internal.AlertingConfig.AlertmanagerConfig;
import io.pharos.relabel.Relabeler;
import io.pharos.spi.discovery.Discoverer;
import io.pharos.spi.discovery.DiscoveryContext;
import io.pharos.spi.discovery.DiscoveryProvider;
import io.pharos.spi.discovery.TargetGroup;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.PluginConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code alertmanager_config} in effect: its client, its static and discovered targets, and
 * the Alertmanager URLs relabeling makes of them (recomputed on every discovery update). A target
 * gets {@code __scheme__} and {@code __alerts_path__} from the config before relabeling, as in
 * Prometheus; a target relabeling drops is listed as dropped with its labels before relabeling.
 */
final class AlertmanagerSet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerSet.class);
    static final String SCHEME = "__scheme__";
    static final String ADDRESS = "__address__";
    static final String ALERTS_PATH = "__alerts_path__";

    /** The URLs of a resolution. */
    record Resolved(List<URI> active, List<URI> dropped) {
        static final Resolved NONE = new Resolved(List.of(), List.of());
    }

    private final String name;
    private final AlertmanagerConfig config;
    private final ConfiguredClient client;
    /** Groups by discoverer (-1: static_configs), then by source. */
    private final Map<Integer, Map<String, TargetGroup>> groups = new LinkedHashMap<>();
    private final List<Discoverer> discoverers = new ArrayList<>();
    private final Runnable onChange;
    private volatile Resolved resolved = Resolved.NONE;
    private boolean closed;

    /**
     * @param name {@code config-<index>}, for logs and discovery
     * @param onChange called after a discovery update changed the URLs
     */
    AlertmanagerSet(String name, AlertmanagerConfig config, ConfiguredClient client, Runnable onChange) {
        this.name = name;
        this.config = config;
        this.client = client;
        this.onChange = onChange;
        Map<String, TargetGroup> statics = new LinkedHashMap<>();
        config.staticGroups().forEach(g -> statics.put(g.source(), g));
        groups.put(-1, statics);
        resolved = resolve();
    }

    String name() {
        return name;
    }

    AlertmanagerConfig config() {
        return config;
    }

    ConfiguredClient client() {
        return client;
    }

    Resolved resolved() {
        return resolved;
    }

    /**
     * Starts a discoverer per {@code <type>_sd_configs} entry whose type has a provider; warns
     * about the others.
     */
    synchronized void startDiscovery(Function<String, DiscoveryProvider> providers, Path configDir) {
        int index = 0;
        for (Map.Entry<String, List<Map<String, Object>>> e : config.sdConfigs().entrySet()) {
            DiscoveryProvider provider = providers.apply(e.getKey());
            for (Map<String, Object> entry : e.getValue()) {
                int source = index++;
                if (provider == null) {
                    LOG.warn("alertmanager set {}: no discovery provider for {}_sd_configs is installed", name, e.getKey());
                    continue;
                }
                try {
                    Discoverer d = provider.create(entry, new Context(name, configDir));
                    discoverers.add(d);
                    groups.put(source, new LinkedHashMap<>());
                    d.start(update -> update(source, update));
                } catch (PluginConfigException | RuntimeException ex) {
                    LOG.error("alertmanager set {}, {}_sd_configs: {}", name, e.getKey(), ex.getMessage());
                }
            }
        }
    }

    private void update(int source, List<TargetGroup> update) {
        Resolved before;
        Resolved after;
        synchronized (this) {
            Map<String, TargetGroup> bySource = groups.get(source);
            if (closed || bySource == null) {
                return;
            }
            for (TargetGroup g : update) {
                if (g.targets().isEmpty()) {
                    bySource.remove(g.source());
                } else {
                    bySource.put(g.source(), g);
                }
            }
            before = resolved;
            after = resolve();
            resolved = after;
        }
        if (!after.equals(before)) {
            onChange.run();
        }
    }

    /** The URLs of every group's targets, deduplicated, in discovery order. */
    private Resolved resolve() {
        Set<URI> active = new LinkedHashSet<>();
        List<URI> dropped = new ArrayList<>();
        for (Map<String, TargetGroup> bySource : groups.values()) {
            for (TargetGroup g : bySource.values()) {
                for (Labels target : g.targets()) {
                    Labels.Builder b = target.toBuilder()
                            .set(SCHEME, config.scheme())
                            .set(ALERTS_PATH, config.alertsPath());
                    g.labels().forEach((k, v) -> {
                        if (!target.has(k)) {
                            b.set(k, v);
                        }
                    });
                    Labels before = b.build();
                    Labels after = Relabeler.process(before, config.relabelConfigs());
                    URI url = after == null ? url(before) : url(after);
                    if (url == null) {
                        continue;
                    }
                    if (after == null) {
                        dropped.add(url);
                    } else {
                        active.add(url);
                    }
                }
            }
        }
        return new Resolved(List.copyOf(active), List.copyOf(dropped));
    }

    private URI url(Labels l) {
        String address = l.getOrEmpty(ADDRESS);
        if (address.isEmpty() || address.contains("/")) {
            LOG.error("alertmanager set {}: \"{}\" is not a valid hostname", name, address);
            return null;
        }
        try {
            return new URI(l.getOrEmpty(SCHEME) + "://" + address + l.getOrEmpty(ALERTS_PATH));
        } catch (URISyntaxException e) {
            LOG.error("alertmanager set {}: invalid Alertmanager URL: {}", name, e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        List<Discoverer> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(discoverers);
            discoverers.clear();
        }
        for (Discoverer d : toClose) {
            try {
                d.close();
            } catch (RuntimeException e) {
                LOG.warn("alertmanager set {}: closing a discoverer failed", name, e);
            }
        }
    }

    private record Context(String jobName, Path configDirectory) implements DiscoveryContext {
    }
}
