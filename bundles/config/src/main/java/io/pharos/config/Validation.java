package io.pharos.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import io.pharos.spi.util.GoStrings;
import java.util.ArrayList;
import java.util.HashSet;
import io.pharos.relabel.RelabelConfig;
import io.pharos.spi.model.PluginConfigException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks Prometheus makes once the whole file is read, because they span sections: rule file
 * globs, URLs in static targets, scrape defaults inherited from global, unique job names.
 */
final class Validation {
    /** At most one {@code *}, and only in the last path element (Prometheus' rule for rule_files). */
    private static final Pattern GLOB = Pattern.compile("^[^*]*(\\*[^/]*)?$");

    private Validation() {
    }

    static PrometheusConfig resolve(PrometheusConfig raw, String file, TrackingParser locations)
            throws ConfigException {
        JsonPointer root = JsonPointer.empty();
        checkGlobs(raw.ruleFiles(), "rule_files", "invalid rule file path ", file, locations);
        checkGlobs(raw.scrapeConfigFiles(), "scrape_config_files", "invalid scrape config file path ", file, locations);

        List<ScrapeConfig> resolved = new ArrayList<>(raw.scrapeConfigs().size());
        Set<String> jobs = new HashSet<>();
        for (int i = 0; i < raw.scrapeConfigs().size(); i++) {
            ScrapeConfig sc = raw.scrapeConfigs().get(i);
            JsonPointer at = root.appendProperty("scrape_configs").appendIndex(i);
            // with relabelling, __address__ may be rewritten, so Prometheus only checks bare targets
            if (sc.relabelConfigs().isEmpty()) {
                checkTargets(sc, at, file, locations);
            }
            checkRelabeling(sc.relabelConfigs(), at.appendProperty("relabel_configs"), file, locations);
            checkRelabeling(sc.metricRelabelConfigs(), at.appendProperty("metric_relabel_configs"), file, locations);
            checkHttpClient(sc, at, file, locations);
            try {
                sc = sc.withDefaultsFrom(raw.global());
            } catch (IllegalArgumentException e) {
                throw error(file, locations, at, e.getMessage());
            }
            if (!jobs.add(sc.jobName())) {
                throw error(file, locations, at,
                        "found multiple scrape configs with job name " + GoStrings.quote(sc.jobName()));
            }
            resolved.add(sc);
        }
        return new PrometheusConfig(raw.global(), raw.ruleFiles(), resolved, raw.scrapeConfigFiles(),
                raw.alerting(), raw.remoteWrite(), raw.remoteRead(), raw.storage(), raw.tracing(), raw.otlp(),
                raw.runtime());
    }

    private static void checkGlobs(List<String> globs, String key, String message, String file,
            TrackingParser locations) throws ConfigException {
        for (int i = 0; i < globs.size(); i++) {
            if (!GLOB.matcher(globs.get(i)).matches()) {
                throw error(file, locations, JsonPointer.empty().appendProperty(key).appendIndex(i),
                        message + GoStrings.quote(globs.get(i)));
            }
        }
    }

    /** Each relabel rule is checked as Prometheus does, with the rule's position in the file. */
    private static void checkRelabeling(List<Map<String, Object>> rules, JsonPointer at, String file,
            TrackingParser locations) throws ConfigException {
        for (int k = 0; k < rules.size(); k++) {
            try {
                RelabelConfig.fromYaml(rules.get(k));
            } catch (PluginConfigException e) {
                throw error(file, locations, at.appendIndex(k), e.getMessage());
            }
        }
    }

    /** The inline HTTP client settings and enable_compression, positioned at the offending key. */
    private static void checkHttpClient(ScrapeConfig sc, JsonPointer at, String file, TrackingParser locations)
            throws ConfigException {
        try {
            sc.httpClientConfig(null);
        } catch (HttpClientConfigParser.FieldProblem e) {
            throw error(file, locations, at.appendProperty(e.field()), e.getMessage());
        }
        try {
            sc.enableCompression();
        } catch (IllegalArgumentException e) {
            throw error(file, locations, at.appendProperty("enable_compression"), e.getMessage());
        }
    }

    /** A target is an address, not a URL: Prometheus rejects anything with a slash. */
    private static void checkTargets(ScrapeConfig sc, JsonPointer at, String file, TrackingParser locations)
            throws ConfigException {
        for (int j = 0; j < sc.staticConfigs().size(); j++) {
            List<String> targets = sc.staticConfigs().get(j).targets();
            for (int k = 0; k < targets.size(); k++) {
                if (targets.get(k).contains("/")) {
                    JsonPointer target = at.appendProperty("static_configs").appendIndex(j)
                            .appendProperty("targets").appendIndex(k);
                    throw error(file, locations, target, GoStrings.quote(targets.get(k)) + " is not a valid hostname");
                }
            }
        }
    }

    /** An error at {@code node}, or at its nearest ancestor whose position is known. */
    private static ConfigException error(String file, TrackingParser locations, JsonPointer node, String reason) {
        JsonLocation loc = null;
        for (JsonPointer p = node; p != null && loc == null; p = p.head()) {
            loc = locations.locationOf(p);
        }
        return Problems.at(file, loc, reason, null);
    }
}
