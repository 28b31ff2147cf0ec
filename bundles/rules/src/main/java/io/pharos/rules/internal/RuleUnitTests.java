package io.pharos.rules.internal;

import io.pharos.config.Durations;
import io.pharos.promql.QueryEngine;
import io.pharos.promql.QueryEngineFactory;
import io.pharos.promql.QueryResult;
import io.pharos.promql.Sample;
import io.pharos.promql.notation.ScriptValue;
import io.pharos.promql.notation.SeriesLine;
import io.pharos.promql.notation.SeriesLineParser;
import io.pharos.rules.AlertInfo;
import io.pharos.rules.AlertState;
import io.pharos.rules.RuleInfo;
import io.pharos.rules.internal.UnitTestFile.AlertTest;
import io.pharos.rules.internal.UnitTestFile.ExpAlert;
import io.pharos.rules.internal.UnitTestFile.ExpSample;
import io.pharos.rules.internal.UnitTestFile.ExprTest;
import io.pharos.rules.internal.UnitTestFile.InputSeries;
import io.pharos.rules.internal.UnitTestFile.TestGroup;
import io.pharos.spi.model.Labels;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.util.GoStrings;
import io.pharos.storage.Storage;
import io.pharos.storage.memory.MemoryStorage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * promtool's {@code test rules}: for each test group, loads its input series into a fresh in-memory
 * storage, evaluates the rule groups from the start every {@code evaluation_interval} up to the
 * latest {@code eval_time}, checks the firing alerts at the evaluation that covers each alert test's
 * time, then runs the PromQL expression tests. Messages read as promtool prints them.
 */
public final class RuleUnitTests {
    private final QueryEngineFactory engines;

    public RuleUnitTests(QueryEngineFactory engines) {
        this.engines = engines;
    }

    /** Runs every file, printing as {@code promtool test rules} does; true if all passed. */
    public boolean run(List<Path> files, PrintStream out, PrintStream err) {
        boolean failed = false;
        for (Path f : files) {
            out.println("Unit Testing:  " + f);
            List<String> errs = test(f, pattern -> err.println("  WARNING: no file match pattern " + pattern));
            if (errs.isEmpty()) {
                out.println("  SUCCESS");
            } else {
                failed = true;
                err.println("  FAILED:");
                for (String e : errs) {
                    err.println(e);
                    out.println();
                }
            }
            out.println();
        }
        return !failed;
    }

    /**
     * The failures of one test file, empty when it passes.
     *
     * @param unmatched told of each {@code rule_files} pattern that matches no file
     */
    public List<String> test(Path file, Consumer<String> unmatched) {
        UnitTestFile utf;
        try {
            utf = UnitTestFile.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return List.of("open " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        // Relative to the test file's folder as given, so that messages name rule files as promtool does.
        Path dir = file.getParent() == null ? Path.of("") : file.getParent();
        List<Path> ruleFiles = new ArrayList<>();
        for (String pattern : utf.ruleFiles()) {
            try {
                List<Path> found = RuleFiles.expand(dir, List.of(pattern));
                if (found.isEmpty()) {
                    unmatched.accept(dir.resolve(pattern).toString());
                }
                ruleFiles.addAll(found);
            } catch (IOException e) {
                return List.of(pattern + ": " + e.getMessage());
            }
        }
        Map<String, Integer> order = new HashMap<>();
        for (String g : utf.groupEvalOrder()) {
            if (order.putIfAbsent(g, order.size()) != null) {
                return List.of("group name repeated in evaluation order: " + g);
            }
        }
        List<String> errs = new ArrayList<>();
        for (TestGroup tg : utf.tests()) {
            TestGroup g = tg.interval().isZero() ? new TestGroup(utf.evaluationInterval(), tg.inputSeries(),
                    tg.alertTests(), tg.exprTests(), tg.externalLabels(), tg.externalUrl(), tg.name(), tg.startMs()) : tg;
            errs.addAll(new GroupRun(g, utf, order, ruleFiles).run());
        }
        return errs;
    }

    /** One test group against its own storage, engine and rule groups. */
    private final class GroupRun {
        private final TestGroup tg;
        private final UnitTestFile file;
        private final Map<String, Integer> order;
        private final List<Path> ruleFiles;
        private final MemoryStorage memory = new MemoryStorage();
        private final Storage storage = new MemoryBackedStorage(memory);
        /** Per input series: its samples not yet appended, as (t, v) in time order. */
        private final List<Pending> pending = new ArrayList<>();

        private record Pending(Labels labels, long[] ts, double[] vs, int[] next) {
        }

        GroupRun(TestGroup tg, UnitTestFile file, Map<String, Integer> order, List<Path> ruleFiles) {
            this.tg = tg;
            this.file = file;
            this.order = order;
            this.ruleFiles = ruleFiles;
        }

        List<String> run() {
            String loadError = parseSeries();
            if (loadError != null) {
                return List.of(loadError);
            }
            long evalMs = file.evaluationInterval().toMillis();
            QueryEngine engine = engines.create(storage, evalMs);
            RulesManager manager = new RulesManager(engine, storage, Clock.systemUTC(), null,
                    RulesManager.Timing.DEFAULTS, null);
            try {
                manager.update(ruleFiles, new RulesManager.Settings(tg.interval(), Duration.ZERO,
                        tg.externalLabels(), tg.externalUrl(), false));
            } catch (RuleFileException e) {
                return e.problems();
            }
            List<RuleGroup> groups = new ArrayList<>(manager.runningGroups());
            groups.sort(Comparator.comparingInt(g -> order.getOrDefault(g.spec.name(), 0)));
            for (RuleGroup g : groups) {
                // As promtool: ALERTS series are written from the first evaluation on.
                g.shouldRestore = false;
                g.rules.forEach(r -> {
                    if (r instanceof AlertingRule ar) {
                        ar.setRestored(true);
                    }
                });
            }
            for (AlertTest a : tg.alertTests()) {
                if (a.alertname().isEmpty()) {
                    return List.of("an item under alert_rule_test misses required attribute alertname at eval_time "
                            + Durations.format(a.evalTime())
                            + (tg.name().isEmpty() ? "" : " (in TestGroup " + tg.name() + ")"));
                }
            }
            List<String> errs = new ArrayList<>();
            TreeMap<Long, List<AlertTest>> alertTests = new TreeMap<>();
            for (AlertTest a : tg.alertTests()) {
                alertTests.computeIfAbsent(a.evalTime().toMillis(), k -> new ArrayList<>()).add(a);
            }
            long mint = tg.startMs();
            long maxEval = tg.maxEvalMs();
            for (long off = 0; off <= maxEval; off += evalMs) {
                long ts = mint + off;
                appendTill(ts);
                List<String> evalErrs = new ArrayList<>();
                for (RuleGroup g : groups) {
                    g.eval(ts);
                    for (Rule r : g.rules) {
                        if (r.health() == RuleInfo.Health.ERR) {
                            evalErrs.add("    rule: " + r.name() + ", time: " + GoFormat.goDuration(off) + ", err: "
                                    + r.lastError());
                        }
                    }
                }
                if (!evalErrs.isEmpty()) {
                    errs.addAll(evalErrs);
                    return errs;
                }
                // Alert tests whose eval_time falls in [off, off + interval) are checked against this evaluation.
                while (!alertTests.isEmpty() && alertTests.firstKey() >= off && alertTests.firstKey() < off + evalMs) {
                    checkAlerts(groups, alertTests.pollFirstEntry().getValue(), errs);
                }
            }
            for (ExprTest t : tg.exprTests()) {
                checkExpr(engine, mint, t, errs);
            }
            return errs;
        }

        /** Null, or why the input series cannot be loaded. */
        private String parseSeries() {
            long interval = tg.interval().toMillis();
            for (InputSeries s : tg.inputSeries()) {
                SeriesLine line;
                try {
                    line = SeriesLineParser.parse((s.series() + " " + s.values()).strip(), 1, false);
                } catch (IllegalArgumentException e) {
                    return "error parsing input series " + GoStrings.quote(s.series() + " " + s.values()) + ": "
                            + e.getMessage();
                }
                List<Long> ts = new ArrayList<>();
                List<Double> vs = new ArrayList<>();
                for (int i = 0; i < line.values().size(); i++) {
                    ScriptValue v = line.values().get(i);
                    switch (v.kind()) {
                        case MISSING -> {
                        }
                        case HISTOGRAM -> {
                            return "input series " + GoStrings.quote(s.series())
                                    + ": native histogram values are not supported by Pharos";
                        }
                        default -> {
                            ts.add(tg.startMs() + i * interval);
                            vs.add(v.value());
                        }
                    }
                }
                pending.add(new Pending(line.labels(), ts.stream().mapToLong(Long::longValue).toArray(),
                        vs.stream().mapToDouble(Double::doubleValue).toArray(), new int[1]));
            }
            return null;
        }

        /** Appends the input samples up to and including {@code ts}, as promtool's lazy loader. */
        private void appendTill(long ts) {
            Appender app = storage.appender();
            for (Pending p : pending) {
                int i = p.next()[0];
                while (i < p.ts().length && p.ts()[i] <= ts) {
                    app.append(0, p.labels(), p.ts()[i], p.vs()[i]);
                    i++;
                }
                p.next()[0] = i;
            }
            app.commit();
        }

        private void checkAlerts(List<RuleGroup> groups, List<AlertTest> tests, List<String> errs) {
            Set<String> names = new TreeSet<>();
            tests.forEach(t -> names.add(t.alertname()));
            Map<String, List<LabelsAndAnnotations>> got = new LinkedHashMap<>();
            for (RuleGroup g : groups) {
                for (Rule r : g.rules) {
                    if (!(r instanceof AlertingRule) || !names.contains(r.name())) {
                        continue;
                    }
                    List<LabelsAndAnnotations> l = got.computeIfAbsent(r.name(), k -> new ArrayList<>());
                    for (AlertInfo a : r.info().alerts()) {
                        if (a.state() == AlertState.FIRING) {
                            l.add(new LabelsAndAnnotations(a.labels(), a.annotations()));
                        }
                    }
                }
            }
            for (AlertTest t : tests) {
                List<LabelsAndAnnotations> have = new ArrayList<>(got.getOrDefault(t.alertname(), List.of()));
                List<LabelsAndAnnotations> want = new ArrayList<>();
                for (ExpAlert e : t.expAlerts()) {
                    Map<String, String> labels = new LinkedHashMap<>(e.labels());
                    labels.put("alertname", t.alertname());
                    want.add(new LabelsAndAnnotations(Labels.of(labels), Labels.of(e.annotations())));
                }
                have.sort(null);
                want.sort(null);
                if (!have.equals(want)) {
                    String name = tg.name().isEmpty() ? "" : "    name: " + tg.name() + ",\n";
                    errs.add(name + "    alertname: " + t.alertname() + ", time: " + Durations.format(t.evalTime())
                            + ", \n        exp:" + indent(LabelsAndAnnotations.toString(want), "            ")
                            + ", \n        got:" + indent(LabelsAndAnnotations.toString(have), "            "));
                }
            }
        }

        private void checkExpr(QueryEngine engine, long mint, ExprTest t, List<String> errs) {
            String where = "    expr: " + GoStrings.quote(t.expr()) + ", time: " + Durations.format(t.evalTime());
            List<Sample> got;
            try {
                QueryResult r = engine.instantQuery(t.expr(), mint + t.evalTime().toMillis());
                if (r instanceof QueryResult.VectorResult v) {
                    got = new ArrayList<>(v.samples());
                } else if (r instanceof QueryResult.ScalarResult s) {
                    got = new ArrayList<>(List.of(new Sample(Labels.EMPTY, s.t(), s.v())));
                } else {
                    errs.add(where + ", err: rule result is not a vector or scalar");
                    return;
                }
            } catch (RuntimeException e) {
                errs.add(where + ", err: " + e.getMessage());
                return;
            }
            List<Sample> want = new ArrayList<>();
            for (ExpSample s : t.expSamples()) {
                if (!s.histogram().isEmpty()) {
                    errs.add(where + ", err: native histogram samples are not supported by Pharos");
                    return;
                }
                try {
                    Labels l = s.labels().isBlank() ? Labels.EMPTY : SeriesLineParser.parse(s.labels().strip(), 1, false)
                            .labels();
                    want.add(new Sample(l, 0, s.value()));
                } catch (IllegalArgumentException e) {
                    errs.add(where + ", err: labels " + GoStrings.quote(s.labels()) + ": " + e.getMessage());
                    return;
                }
            }
            Comparator<Sample> byLabels = Comparator.comparing(Sample::labels);
            got.sort(byLabels);
            want.sort(byLabels);
            if (!sameSamples(want, got, file.fuzzyCompare())) {
                errs.add(where + ",\n        exp: " + samples(want) + "\n        got: " + samples(got));
            }
        }
    }

    private static boolean sameSamples(List<Sample> want, List<Sample> got, boolean fuzzy) {
        if (want.size() != got.size()) {
            return false;
        }
        for (int i = 0; i < want.size(); i++) {
            double a = want.get(i).v();
            double b = got.get(i).v();
            boolean eq = a == b || fuzzy && (Math.nextDown(a) == b || Math.nextUp(a) == b);
            if (!eq || !want.get(i).labels().equals(got.get(i).labels())) {
                return false;
            }
        }
        return true;
    }

    /** promtool's {@code parsedSamplesString}. */
    private static String samples(List<Sample> s) {
        if (s.isEmpty()) {
            return "nil";
        }
        StringBuilder sb = new StringBuilder();
        for (Sample x : s) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(GoFormat.labels(x.labels())).append(' ').append(GoFormat.floatE(x.v()));
        }
        return sb.toString();
    }

    /** Every line after the first prefixed with {@code indent} (promtool's {@code indentLines}). */
    static String indent(String lines, String indent) {
        return lines.replace("\n", "\n" + indent);
    }

    /** One alert as the tests compare them; ordered by labels, then annotations. */
    record LabelsAndAnnotations(Labels labels, Labels annotations) implements Comparable<LabelsAndAnnotations> {
        @Override
        public int compareTo(LabelsAndAnnotations o) {
            int c = labels.compareTo(o.labels);
            return c != 0 ? c : annotations.compareTo(o.annotations);
        }

        @Override
        public String toString() {
            return "Labels:" + GoFormat.labels(labels) + "\nAnnotations:" + GoFormat.labels(annotations);
        }

        static String toString(List<LabelsAndAnnotations> l) {
            if (l.isEmpty()) {
                return "[]";
            }
            StringBuilder sb = new StringBuilder("[\n");
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(",\n");
                }
                sb.append(i).append(':').append(indent("\n" + l.get(i), "  "));
            }
            return sb.append("\n]").toString();
        }
    }
}
