package io.pharos.rules.internal;

import io.pharos.config.ConfigException;
import io.pharos.config.ConfigService;
import io.pharos.config.ConfigValidator;
import io.pharos.config.PrometheusConfig;
import io.pharos.notifier.AlertSender;
import io.pharos.promql.QueryEngine;
import io.pharos.rules.RuleGroupInfo;
import io.pharos.rules.RuleManager;
import io.pharos.spi.exporter.Exporter;
import io.pharos.spi.exporter.MetricWriter;
import io.pharos.spi.model.MetricType;
import io.pharos.storage.Storage;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule manager service: loads the {@code rule_files} of the configuration at start and on every
 * successful configuration reload, evaluates the groups on a small thread pool, and exports
 * Prometheus' rule manager metrics on {@code /metrics}. A reload with a broken rule file keeps the
 * previous rules and is counted in {@code pharos_rule_reload_failures_total}.
 */
@Component(service = {RuleManager.class, Exporter.class, ConfigValidator.class}, configurationPid = RulesComponent.PID)
@Designate(ocd = RulesComponent.Config.class)
public final class RulesComponent implements RuleManager, Exporter, ConfigValidator {
    static final String PID = "io.pharos.rules";
    private static final Logger LOG = LoggerFactory.getLogger(RulesComponent.class);

    @ObjectClassDefinition(name = "Pharos rule manager")
    public @interface Config {
        @AttributeDefinition(description = "URL under which Pharos is reachable, for alert generator URLs "
                + "(--web.external-url); empty means http://<hostname>:9090")
        String external_url() default "";

        @AttributeDefinition(description = "Threads evaluating rule groups concurrently")
        int evaluation_threads() default 4;

        @AttributeDefinition(description = "Minimum time in ms before a firing alert is sent again "
                + "(--rules.alert.resend-delay)")
        long resend_delay_ms() default 60_000L;

        @AttributeDefinition(description = "Longest downtime in ms across which the 'for' state of alerts is "
                + "restored (--rules.alert.for-outage-tolerance)")
        long for_outage_tolerance_ms() default 3_600_000L;

        @AttributeDefinition(description = "Minimum time in ms between restoring the 'for' state and firing "
                + "(--rules.alert.for-grace-period)")
        long for_grace_period_ms() default 600_000L;
    }

    private final ConfigService configService;
    private final RulesManager manager;
    private final ScheduledThreadPoolExecutor executor;
    private final String externalUrl;
    private final AutoCloseable subscription;
    private final LongAdder reloadFailures = new LongAdder();
    private final Map<AlertSender, AlertSink> senders = new ConcurrentHashMap<>();
    private volatile boolean lastReloadOk = true;

    @Activate
    public RulesComponent(@Reference ConfigService configService, @Reference QueryEngine engine,
                          @Reference Storage storage, Config config) {
        this.configService = configService;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(Math.max(1, config.evaluation_threads()), r -> {
            Thread t = new Thread(r, "pharos-rules-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.externalUrl = config.external_url().isBlank() ? defaultExternalUrl() : stripSlash(config.external_url());
        this.manager = new RulesManager(engine, storage, Clock.systemUTC(), executor,
                new RulesManager.Timing(config.resend_delay_ms(), config.for_outage_tolerance_ms(),
                        config.for_grace_period_ms()), null);
        this.subscription = configService.subscribe(this::apply);
    }

    @Deactivate
    void deactivate() throws Exception {
        subscription.close();
        manager.stop();
        executor.shutdownNow();
    }

    /** The notifier (or any other sender of alerts) receives what the rules fire and resolve. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAlertSender(AlertSender sender) {
        AlertSink sink = sender::send;
        senders.put(sender, sink);
        manager.addSink(sink);
    }

    void unbindAlertSender(AlertSender sender) {
        AlertSink sink = senders.remove(sender);
        if (sink != null) {
            manager.removeSink(sink);
        }
    }

    /** A reload whose rule files do not load is rejected as a whole, as in Prometheus. */
    @Override
    public void validate(PrometheusConfig config, Path configDirectory) throws ConfigException {
        try {
            manager.check(RuleFiles.expand(configDirectory, config.ruleFiles()),
                    config.global().metricNameValidationScheme().equals("legacy"));
        } catch (RuleFileException e) {
            throw new ConfigException("rule_files", 0, 0, "error loading rules:\n" + e.getMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("rule_files", 0, 0, "error loading rules: " + e, e);
        }
    }

    private void apply(PrometheusConfig config) {
        Path file = configService.file();
        Path dir = file == null || file.toAbsolutePath().getParent() == null
                ? Path.of("") : file.toAbsolutePath().getParent();
        try {
            List<Path> files = RuleFiles.expand(dir, config.ruleFiles());
            manager.update(files, new RulesManager.Settings(config.global().evaluationInterval(),
                    config.global().ruleQueryOffset(), config.global().externalLabels(), externalUrl,
                    config.global().metricNameValidationScheme().equals("legacy")));
            lastReloadOk = true;
            LOG.info("Loaded {} rule groups from {} rule files", manager.groups().size(), files.size());
        } catch (RuleFileException e) {
            fail("Loading rule files failed, previous rule set kept:\n" + e.getMessage());
        } catch (IOException | RuntimeException e) {
            fail("Loading rule files failed, previous rule set kept: " + e);
        }
    }

    private void fail(String message) {
        lastReloadOk = false;
        reloadFailures.increment();
        LOG.error(message);
    }

    @Override
    public List<RuleGroupInfo> groups() {
        return manager.groups();
    }

    @Override
    public String name() {
        return SELF;
    }

    @Override
    public void collect(MetricWriter out) throws IOException {
        out.family("pharos_rule_last_reload_successful", MetricType.GAUGE,
                "Whether the last loading of the rule files succeeded.");
        out.sample("pharos_rule_last_reload_successful", lastReloadOk ? 1 : 0);
        out.family("pharos_rule_reload_failures_total", MetricType.COUNTER,
                "Loads of the rule files that failed and kept the previous rules.");
        out.sample("pharos_rule_reload_failures_total", reloadFailures.sum());
        RuleMetricsWriter.write(manager.metrics(), out);
    }

    private static String defaultExternalUrl() {
        try {
            return "http://" + InetAddress.getLocalHost().getHostName() + ":9090";
        } catch (IOException e) {
            return "http://localhost:9090";
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
