package io.pharos.scrape.internal;

import io.pharos.config.Durations;
import io.pharos.config.ScrapeConfig;
import io.pharos.config.StaticConfig;
import io.pharos.relabel.RelabelConfig;
import io.pharos.relabel.Relabeler;
import io.pharos.spi.discovery.TargetGroup;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.PluginConfigException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a scrape config's targets into {@link Target}s as Prometheus does: the target's labels get
 * the job, scheme, metrics path, interval, timeout and params as {@code __}-labels unless already
 * set, then {@code relabel_configs} run (and may drop the target), {@code __meta_*} labels go,
 * {@code instance} defaults to the address, and the URL is built from what relabeling left.
 */
final class TargetBuilder {
    static final String ADDRESS = "__address__";
    static final String SCHEME = "__scheme__";
    static final String METRICS_PATH = "__metrics_path__";
    static final String INTERVAL = "__scrape_interval__";
    static final String TIMEOUT = "__scrape_timeout__";
    static final String PARAM_PREFIX = "__param_";

    private TargetBuilder() {
    }

    /** The targets of a scrape config's static groups; a bad target is skipped and reported. */
    static List<Target> targets(ScrapeConfig config, List<RelabelConfig> relabeling,
            java.util.function.Consumer<String> problems) {
        return targets(config, relabeling, List.of(), problems, dropped -> { });
    }

    /** As above, also reporting the discovered labels of targets that relabeling dropped. */
    static List<Target> targets(ScrapeConfig config, List<RelabelConfig> relabeling,
            java.util.function.Consumer<String> problems, java.util.function.Consumer<Labels> droppedTargets) {
        return targets(config, relabeling, List.of(), problems, droppedTargets);
    }

    /**
     * The targets of the static groups followed by the discovered ones; all go through the same
     * relabeling. A target's own labels win over its group's.
     */
    static List<Target> targets(ScrapeConfig config, List<RelabelConfig> relabeling, List<TargetGroup> discovered,
            java.util.function.Consumer<String> problems, java.util.function.Consumer<Labels> droppedTargets) {
        List<TargetGroup> groups = new ArrayList<>(config.staticConfigs().size() + discovered.size());
        for (StaticConfig group : config.staticConfigs()) {
            List<Labels> addresses = new ArrayList<>(group.targets().size());
            for (String address : group.targets()) {
                addresses.add(Labels.of(ADDRESS, address));
            }
            groups.add(new TargetGroup("", addresses, group.labels() == null ? Labels.EMPTY : Labels.of(group.labels())));
        }
        groups.addAll(discovered);
        List<Target> out = new ArrayList<>();
        for (TargetGroup group : groups) {
            for (Labels own : group.targets()) {
                Labels.Builder b = group.labels().toBuilder();
                own.forEach(b::set);
                try {
                    Target t = populate(config, b, relabeling);
                    if (t != null) {
                        out.add(t);
                    } else {
                        droppedTargets.accept(b.build());
                    }
                } catch (IllegalArgumentException e) {
                    problems.accept("job " + config.jobName() + ", target " + own.get(ADDRESS) + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    /** Parses the job's relabel rules (already validated with the config file). */
    static List<RelabelConfig> relabeling(List<Map<String, Object>> rules) {
        try {
            return RelabelConfig.fromYamlList(rules);
        } catch (PluginConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * One target from its discovered labels, or null when relabeling dropped it.
     *
     * @throws IllegalArgumentException for a target left without a usable address or with a bad
     *         interval or timeout
     */
    static Target populate(ScrapeConfig config, Labels.Builder b, List<RelabelConfig> relabeling) {
        setIfAbsent(b, "job", config.jobName());
        setIfAbsent(b, INTERVAL, Durations.format(config.scrapeInterval()));
        setIfAbsent(b, TIMEOUT, Durations.format(config.scrapeTimeout()));
        setIfAbsent(b, METRICS_PATH, config.metricsPath());
        setIfAbsent(b, SCHEME, config.scheme());
        if (config.params() != null) {
            config.params().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    setIfAbsent(b, PARAM_PREFIX + name, values.get(0));
                }
            });
        }
        Labels discovered = b.build();
        Labels relabeled = Relabeler.process(discovered, relabeling);
        if (relabeled == null) {
            return null;
        }
        String address = relabeled.get(ADDRESS);
        if (address == null) {
            throw new IllegalArgumentException("no address");
        }
        if (address.contains("/")) {
            throw new IllegalArgumentException("\"" + address + "\" is not a valid hostname");
        }
        Duration interval = duration(relabeled, INTERVAL);
        Duration timeout = duration(relabeled, TIMEOUT);
        if (interval.isZero() || timeout.isZero()) {
            throw new IllegalArgumentException("scrape interval and timeout must be positive");
        }
        if (timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException("scrape timeout cannot be greater than scrape interval (\""
                    + Durations.format(timeout) + "\" > \"" + Durations.format(interval) + "\")");
        }
        Labels.Builder publicLabels = Labels.builder();
        for (int i = 0; i < relabeled.size(); i++) {
            if (!relabeled.name(i).startsWith("__")) {
                publicLabels.set(relabeled.name(i), relabeled.value(i));
            }
        }
        if (publicLabels.get("instance") == null) {
            publicLabels.set("instance", address);
        }
        return new Target(config.jobName(), url(relabeled, config.params()), publicLabels.build(), interval, timeout,
                config.honorLabels(), config.honorTimestamps(), List.of(), discovered, ScrapeLimits.NONE,
                Boolean.TRUE.equals(config.extra().get("track_timestamps_staleness")), null);
    }

    private static void setIfAbsent(Labels.Builder b, String name, String value) {
        if (b.get(name) == null && value != null && !value.isEmpty()) {
            b.set(name, value);
        }
    }

    private static Duration duration(Labels labels, String name) {
        String v = labels.get(name);
        try {
            return Durations.parse(v == null ? "" : v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("error parsing " + name + ": " + e.getMessage(), e);
        }
    }

    /** The URL from scheme, address and path, with the config's params overridden by {@code __param_*}. */
    static URI url(Labels labels, Map<String, List<String>> configParams) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (configParams != null) {
            params.putAll(configParams);
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.name(i).startsWith(PARAM_PREFIX)) {
                String name = labels.name(i).substring(PARAM_PREFIX.length());
                List<String> values = new ArrayList<>(params.getOrDefault(name, List.of()));
                if (values.isEmpty()) {
                    values.add(labels.value(i));
                } else {
                    values.set(0, labels.value(i));
                }
                params.put(name, values);
            }
        }
        String path = labels.getOrEmpty(METRICS_PATH);
        StringBuilder sb = new StringBuilder(labels.getOrEmpty(SCHEME)).append("://").append(labels.get(ADDRESS));
        sb.append(path.startsWith("/") ? path : "/" + path);
        char sep = path.contains("?") ? '&' : '?';
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            for (String v : p.getValue()) {
                sb.append(sep).append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        return URI.create(sb.toString());
    }
}
