package io.pharos.promql.internal;

import io.pharos.promql.internal.EvalValue.Vector;
import io.pharos.promql.internal.Evaluator.Outputs;
import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MatchType;
import io.pharos.spi.model.Series;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.model.StaleMarker;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.SelectHints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The experimental {@code info(v [, selector])} function: adds to each series of {@code v} the data
 * labels of the info series (by default {@code target_info}) that share its identifying labels
 * ({@code instance}, {@code job}). The info series are looked up as of the reference time of
 * {@code v}'s first selector, with its @ and offset modifiers and those of enclosing subqueries.
 */
final class InfoEval {
    private static final String TARGET_INFO = "target_info";
    private static final List<String> IDENTIFYING = List.of("instance", "job");

    private InfoEval() {
    }

    static EvalValue eval(Evaluator ev, Call call, Frame f) {
        Vector base = (Vector) ev.eval(call.args().get(0), f);
        Map<String, List<LabelMatcher>> dataMatchers = new LinkedHashMap<>();
        List<LabelMatcher> nameMatchers = new ArrayList<>();
        if (call.args().size() > 1) {
            VectorSelector sel = (VectorSelector) Evaluator.unwrap(call.args().get(1));
            for (LabelMatcher m : sel.matchers()) {
                dataMatchers.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
                if (m.name().equals(Labels.METRIC_NAME)) {
                    nameMatchers.add(m);
                }
            }
        } else {
            nameMatchers.add(LabelMatcher.equal(Labels.METRIC_NAME, TARGET_INFO));
        }
        // Info series themselves are not enriched: those matching every __name__ matcher, when at
        // least one of them is positive (a negated matcher alone names no info metric).
        boolean positive = false;
        for (LabelMatcher m : nameMatchers) {
            positive |= m.type() == MatchType.EQUAL || m.type() == MatchType.REGEX;
        }
        List<StepSeries> in = base.series();
        boolean[] ignore = new boolean[in.size()];
        Map<String, Set<String>> idValues = new LinkedHashMap<>();
        for (int s = 0; s < in.size(); s++) {
            Labels l = in.get(s).labels;
            if (positive && matchAll(nameMatchers, l.getOrEmpty(Labels.METRIC_NAME))) {
                ignore[s] = true;
                continue;
            }
            for (String id : IDENTIFYING) {
                String v = l.get(id);
                if (v != null) {
                    idValues.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(v);
                }
            }
        }
        List<LabelMatcher> selectors = new ArrayList<>();
        boolean hasName = false;
        for (Map.Entry<String, Set<String>> e : idValues.entrySet()) {
            StringBuilder re = new StringBuilder();
            for (String v : e.getValue()) {
                if (re.length() > 0) {
                    re.append('|');
                }
                re.append(Pattern.quote(v));
            }
            selectors.add(LabelMatcher.of(e.getKey(), MatchType.REGEX, re.toString()));
        }
        for (List<LabelMatcher> ms : dataMatchers.values()) {
            for (LabelMatcher m : ms) {
                hasName |= m.name().equals(Labels.METRIC_NAME);
                selectors.add(m);
            }
        }
        dataMatchers.remove(Labels.METRIC_NAME);
        if (!hasName) {
            selectors.add(0, LabelMatcher.equal(Labels.METRIC_NAME, TARGET_INFO));
        } else if (!positive) {
            // Negated name matchers alone would select any series: only info metrics qualify.
            selectors.add(0, LabelMatcher.of(Labels.METRIC_NAME, MatchType.REGEX, ".+_info"));
        }
        int steps = f.steps();
        long[] refs = referenceTimes(ev, call.args().get(0), f);
        List<StepSeries> info = idValues.isEmpty() ? List.of() : infoSeries(ev, selectors, refs, steps, f);

        // Signatures: the info metric name plus the identifying labels.
        Set<String> infoNames = new LinkedHashSet<>();
        for (StepSeries s : info) {
            infoNames.add(s.labels.getOrEmpty(Labels.METRIC_NAME));
        }
        Labels[] infoSig = new Labels[info.size()];
        for (int k = 0; k < info.size(); k++) {
            infoSig[k] = signature(info.get(k).labels, info.get(k).labels.getOrEmpty(Labels.METRIC_NAME));
        }
        Labels[][] baseSigs = new Labels[in.size()][];
        List<String> names = new ArrayList<>(infoNames);
        for (int s = 0; s < in.size(); s++) {
            baseSigs[s] = new Labels[names.size()];
            for (int n = 0; n < names.size(); n++) {
                baseSigs[s][n] = signature(in.get(s).labels, names.get(n));
            }
        }
        boolean allMatchEmpty = true;
        for (List<LabelMatcher> ms : dataMatchers.values()) {
            for (LabelMatcher m : ms) {
                allMatchEmpty &= m.matchesEmpty();
            }
        }
        Outputs out = new Outputs();
        Map<Labels, Integer> right = new HashMap<>();
        for (int i = 0; i < steps; i++) {
            ev.ctx.tick();
            right.clear();
            for (int k = 0; k < info.size(); k++) {
                StepSeries is = info.get(k);
                if (!is.has(i)) {
                    continue;
                }
                Integer existing = right.get(infoSig[k]);
                if (existing == null) {
                    right.put(infoSig[k], k);
                    continue;
                }
                long existingT = (long) info.get(existing).value(i);
                long t = (long) is.value(i);
                if (existingT < t) {
                    right.put(infoSig[k], k);
                } else if (existingT == t) {
                    throw Evaluator.execution("found duplicate series for info metric: existing "
                            + Evaluator.goString(info.get(existing).labels) + " @ " + existingT + ", new "
                            + Evaluator.goString(is.labels) + " @ " + t);
                }
            }
            for (int s = 0; s < in.size(); s++) {
                StepSeries bs = in.get(s);
                if (!bs.has(i)) {
                    continue;
                }
                if (ignore[s]) {
                    out.put(out.get(bs.labels, bs.dropName), i, bs.value(i));
                    continue;
                }
                Labels.Builder add = Labels.builder();
                boolean matched = false;
                for (int n = 0; n < names.size(); n++) {
                    Integer k = right.get(baseSigs[s][n]);
                    if (k == null) {
                        continue;
                    }
                    matched = true;
                    Labels il = info.get(k).labels;
                    for (int j = 0; j < il.size(); j++) {
                        String name = il.name(j);
                        if (name.equals(Labels.METRIC_NAME)
                                || (!dataMatchers.isEmpty() && !dataMatchers.containsKey(name))) {
                            continue;
                        }
                        String have = add.get(name);
                        if (have != null && !have.equals(il.value(j))) {
                            throw Evaluator.execution("conflicting label: " + name);
                        }
                        if (bs.labels.has(name)) {
                            continue;
                        }
                        add.set(name, il.value(j));
                    }
                }
                if (!matched && !allMatchEmpty) {
                    continue;
                }
                Labels.Builder b = bs.labels.toBuilder();
                Labels extra = add.build();
                for (int j = 0; j < extra.size(); j++) {
                    b.set(extra.name(j), extra.value(j));
                }
                out.put(out.get(b.build(), bs.dropName), i, bs.value(i));
            }
        }
        return out.vector();
    }

    private static boolean matchAll(List<LabelMatcher> ms, String value) {
        for (LabelMatcher m : ms) {
            if (!m.matches(value)) {
                return false;
            }
        }
        return true;
    }

    private static Labels signature(Labels l, String name) {
        Labels.Builder b = Labels.builder();
        b.set(Labels.METRIC_NAME, name);
        for (String id : IDENTIFYING) {
            String v = l.get(id);
            if (v != null) {
                b.set(id, v);
            }
        }
        return b.build();
    }

    /**
     * The time each step looks up info series at: the step time moved by the offsets and pinned by
     * the @ modifiers of the enclosing subqueries and of the first selector of the argument.
     */
    private static long[] referenceTimes(Evaluator ev, Expr arg, Frame f) {
        List<Expr> path = new ArrayList<>();
        VectorSelector vs = firstSelector(arg, path);
        long[] refs = new long[f.steps()];
        for (int i = 0; i < refs.length; i++) {
            long ref = f.time(i);
            for (Expr e : path) {
                if (e instanceof SubqueryExpr sq) {
                    Long at = ev.atMs(sq.at());
                    ref = (at != null ? at : ref) - ev.offsetMs(sq);
                }
            }
            if (vs != null) {
                Long at = ev.atMs(vs.at());
                ref = (at != null ? at : ref) - ev.offsetMs(vs);
            }
            refs[i] = ref;
        }
        return refs;
    }

    /** The first vector selector in the tree (pre-order), collecting the subqueries on the way. */
    private static VectorSelector firstSelector(Expr e, List<Expr> path) {
        if (e instanceof VectorSelector vs) {
            return vs;
        }
        List<Expr> children = new ArrayList<>();
        if (e instanceof ParenExpr p) {
            children.add(p.expr());
        } else if (e instanceof MatrixSelector ms) {
            children.add(ms.selector());
        } else if (e instanceof SubqueryExpr sq) {
            children.add(sq.expr());
        } else if (e instanceof UnaryExpr u) {
            children.add(u.expr());
        } else if (e instanceof BinaryExpr b) {
            children.add(b.lhs());
            children.add(b.rhs());
        } else if (e instanceof AggregateExpr a) {
            if (a.param() != null) {
                children.add(a.param());
            }
            children.add(a.expr());
        } else if (e instanceof Call c) {
            children.addAll(c.args());
        }
        for (Expr child : children) {
            path.add(e);
            VectorSelector vs = firstSelector(child, path);
            if (vs != null) {
                return vs;
            }
            path.remove(path.size() - 1);
        }
        return null;
    }

    /** The info series, valued with the timestamp of the sample each step found. */
    private static List<StepSeries> infoSeries(Evaluator ev, List<LabelMatcher> matchers, long[] refs, int steps,
            Frame f) {
        long minRef = Long.MAX_VALUE;
        long maxRef = Long.MIN_VALUE;
        for (long r : refs) {
            minRef = Math.min(minRef, r);
            maxRef = Math.max(maxRef, r);
        }
        long mint = minRef - ev.lookback + 1;
        List<StepSeries> out = new ArrayList<>();
        SampleBuffer b = new SampleBuffer();
        try (Querier q = ev.storage.querier(mint, maxRef);
                SeriesSet set = q.select(true, new SelectHints(mint, maxRef, f.interval(), "info", 0, false),
                        matchers)) {
            while (set.next()) {
                Series series = set.at();
                b.load(series.iterator(), mint, maxRef, true, false);
                StepSeries s = new StepSeries(series.labels());
                for (int i = 0; i < steps; i++) {
                    long ref = refs[i];
                    int j = -1;
                    for (int k = 0; k < b.n && b.ts[k] <= ref; k++) {
                        j = k;
                    }
                    if (j < 0 || b.ts[j] <= ref - ev.lookback) {
                        continue;
                    }
                    if (b.kinds[j] != SampleBuffer.FLOAT) {
                        throw Evaluator.execution("this should be an info metric, with float samples: "
                                + Evaluator.goString(series.labels()));
                    }
                    if (StaleMarker.isStale(b.vs[j])) {
                        continue;
                    }
                    s.set(i, b.ts[j]);
                }
                if (s.count() > 0) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
