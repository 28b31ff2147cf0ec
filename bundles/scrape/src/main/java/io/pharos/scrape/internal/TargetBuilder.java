package io.pharos.scrape.internal;

import io.pharos.config.ScrapeConfig;
import io.pharos.config.StaticConfig;
import io.pharos.spi.model.Labels;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a scrape config's static targets into {@link Target}s, as Prometheus does without
 * relabeling: {@code job} from the job name, {@code instance} from the address unless a label sets
 * it, labels of the group, and the URL from scheme, address, metrics path and params.
 */
final class TargetBuilder {
    private TargetBuilder() {
    }

    static List<Target> targets(ScrapeConfig config) {
        List<Target> out = new ArrayList<>();
        for (StaticConfig group : config.staticConfigs()) {
            for (String address : group.targets()) {
                Labels.Builder b = Labels.builder();
                if (group.labels() != null) {
                    group.labels().forEach(b::set);
                }
                b.set("job", config.jobName());
                if (b.get("instance") == null) {
                    b.set("instance", address);
                }
                out.add(new Target(config.jobName(), url(config, address), b.build(),
                        config.scrapeInterval(), config.scrapeTimeout(),
                        config.honorLabels(), config.honorTimestamps()));
            }
        }
        return out;
    }

    static URI url(ScrapeConfig config, String address) {
        StringBuilder sb = new StringBuilder(config.scheme()).append("://").append(address);
        String path = config.metricsPath();
        sb.append(path.startsWith("/") ? path : "/" + path);
        char sep = path.contains("?") ? '&' : '?';
        if (config.params() != null) {
            for (Map.Entry<String, List<String>> p : config.params().entrySet()) {
                for (String v : p.getValue()) {
                    sb.append(sep).append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8))
                            .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
                    sep = '&';
                }
            }
        }
        return URI.create(sb.toString());
    }
}
