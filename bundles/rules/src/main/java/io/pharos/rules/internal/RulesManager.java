package io.pharos.rules.internal;

import io.pharos.promql.QueryEngine;
import io.pharos.rules.RuleGroupInfo;
import io.pharos.rules.RuleManager;
import io.pharos.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Prometheus' rule manager: loads the rule files, replaces the running groups with the new ones on
 * every update (a group whose definition did not change keeps running untouched; a changed one
 * takes over its predecessor's state), and answers what runs. A rule file with errors fails the
 * whole update and the previous groups keep running.
 */
public final class RulesManager implements RuleManager {
    /** The settings an update applies, from the global section and the component configuration. */
    public record Settings(Duration evaluationInterval, Duration queryOffset, Map<String, String> externalLabels,
                           String externalUrl, boolean legacyNames) {
        public Settings {
            externalLabels = Map.copyOf(externalLabels);
        }
    }

    /** Timing constants of alert delivery and restore; Prometheus' flag defaults. */
    public record Timing(long resendDelayMs, long outageToleranceMs, long forGracePeriodMs) {
        public static final Timing DEFAULTS = new Timing(60_000L, 3_600_000L, 600_000L);
    }

    private final QueryEngine engine;
    private final Storage storage;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Timing timing;
    private final List<AlertSink> sinks = new CopyOnWriteArrayList<>();
    private final Map<String, GroupMetrics> metrics = new ConcurrentHashMap<>();
    private volatile TemplateExpander expander;
    /** Running groups by key; replaced as a whole on update. */
    private volatile Map<String, Running> groups = Map.of();
    private boolean restored;

    private record Running(RuleGroup group, GroupRunner runner, Settings settings) {
    }

    /**
     * @param executor runs the groups; null to run nothing by itself (tests call {@link #evaluateAll})
     * @param expander the template engine; null for Go templates with Prometheus' functions
     */
    public RulesManager(QueryEngine engine, Storage storage, Clock clock, ScheduledExecutorService executor,
                        Timing timing, TemplateExpander expander) {
        this.engine = engine;
        this.storage = storage;
        this.clock = clock;
        this.executor = executor;
        this.timing = timing;
        this.expander = expander;
    }

    public void addSink(AlertSink sink) {
        sinks.add(sink);
    }

    public void removeSink(AlertSink sink) {
        sinks.remove(sink);
    }

    /** Sets the template engine used by groups loaded from now on; null for Go templates. */
    public void setExpander(TemplateExpander expander) {
        this.expander = expander;
    }

    /**
     * Loads {@code files} and runs their groups in place of the current ones.
     *
     * @throws RuleFileException when a file cannot be read or has errors; nothing changes then
     */
    public synchronized void update(List<Path> files, Settings settings) throws RuleFileException {
        List<GroupSpec> specs = load(files, settings.legacyNames());
        TemplateExpander exp = expander != null ? expander
                : new GoTemplateExpander(settings.externalLabels(), settings.externalUrl(), QueryFunc.of(engine));
        RuleGroup.Context ctx = new RuleGroup.Context(QueryFunc.of(engine), storage, clock, sinks,
                settings.externalUrl(), timing.resendDelayMs(), timing.outageToleranceMs(), timing.forGracePeriodMs());
        boolean restore = !restored;
        restored = true;
        Map<String, Running> old = new HashMap<>(groups);
        Map<String, Running> next = new LinkedHashMap<>();
        List<GroupRunner> toStart = new ArrayList<>();
        for (GroupSpec spec : specs) {
            String key = RuleGroup.key(spec.file(), spec.name());
            Running prev = old.remove(key);
            if (prev != null && prev.group().spec.equals(spec) && prev.settings().equals(settings)) {
                next.put(key, prev);
                continue;
            }
            RuleGroup g = build(spec, settings, exp, ctx, restore);
            if (prev != null) {
                prev.runner().stop();
                g.copyState(prev.group());
            }
            GroupRunner runner = new GroupRunner(g, executor, this::nowNanos);
            toStart.add(runner);
            next.put(key, new Running(g, runner, settings));
        }
        groups = next;
        long now = clock.millis();
        for (Map.Entry<String, Running> e : old.entrySet()) {
            e.getValue().runner().stop();
            e.getValue().group().markAllStale(now);
            metrics.remove(e.getKey());
        }
        if (executor != null) {
            toStart.forEach(GroupRunner::start);
        }
    }

    private RuleGroup build(GroupSpec spec, Settings settings, TemplateExpander exp, RuleGroup.Context ctx,
                            boolean restore) {
        long interval = (spec.interval() != null && !spec.interval().isZero()
                ? spec.interval() : settings.evaluationInterval()).toMillis();
        long offset = (spec.queryOffset() != null ? spec.queryOffset() : settings.queryOffset()).toMillis();
        List<Rule> rules = new ArrayList<>();
        for (RuleSpec r : spec.rules()) {
            String query = engine.canonicalQuery(r.expr());
            rules.add(r.isAlerting()
                    ? new AlertingRule(r, spec.labels(), query, exp, !restore)
                    : new RecordingRule(r, spec.labels(), query));
        }
        GroupMetrics m = metrics.computeIfAbsent(RuleGroup.key(spec.file(), spec.name()), k -> new GroupMetrics());
        RuleGroup g = new RuleGroup(spec, interval, offset, rules, m, ctx);
        g.shouldRestore = restore;
        return g;
    }

    /** Loads and checks {@code files} without running them (a configuration validator's check). */
    void check(List<Path> files, boolean legacyNames) throws RuleFileException {
        load(files, legacyNames);
    }

    private List<GroupSpec> load(List<Path> files, boolean legacyNames) throws RuleFileException {
        List<String> problems = new ArrayList<>();
        List<GroupSpec> specs = new ArrayList<>();
        for (Path f : files) {
            String content;
            try {
                content = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(f + ": " + e.getMessage());
                continue;
            }
            try {
                specs.addAll(parse(f.toString(), content, legacyNames));
            } catch (RuleFileException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleFileException(problems);
        }
        return specs;
    }

    /** Parses one rule file, checking expressions with the engine. */
    List<GroupSpec> parse(String file, String content, boolean legacyNames) throws RuleFileException {
        return new RuleFileParser(file, legacyNames, RuleFileParser.exprCheck(engine)).parse(content);
    }

    /** Evaluates every group once at {@code ts} (ms), in order; for tests and one-off checks. */
    public void evaluateAll(long ts) {
        for (Running r : groups.values()) {
            r.group().eval(ts);
        }
    }

    /** Restores the {@code for} state of every group now; for tests. */
    void restoreAll(long nowMs) {
        for (Running r : groups.values()) {
            r.group().restoreForState(nowMs);
        }
    }

    /** Stops every group. */
    public synchronized void stop() {
        for (Running r : groups.values()) {
            r.runner().stop();
        }
    }

    List<RuleGroup> runningGroups() {
        return groups.values().stream().map(Running::group).toList();
    }

    Map<String, GroupMetrics> metrics() {
        return metrics;
    }

    @Override
    public List<RuleGroupInfo> groups() {
        List<RuleGroupInfo> out = new ArrayList<>();
        for (Running r : groups.values()) {
            out.add(r.group().info());
        }
        out.sort(Comparator.comparing(RuleGroupInfo::file).thenComparing(RuleGroupInfo::name));
        return out;
    }

    private long nowNanos() {
        Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
