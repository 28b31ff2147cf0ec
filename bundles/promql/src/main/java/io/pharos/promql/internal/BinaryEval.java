package io.pharos.promql.internal;

import io.pharos.promql.internal.EvalValue.Scalar;
import io.pharos.promql.internal.EvalValue.Vector;
import io.pharos.promql.internal.Evaluator.Outputs;
import io.pharos.spi.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binary operators: arithmetic, comparisons and set operators between scalars and vectors, with
 * Prometheus' vector matching. Label signatures are computed once per series (labels do not change
 * from step to step); the matching itself is done step by step, as results may differ per step.
 */
final class BinaryEval {
    private BinaryEval() {
    }

    static EvalValue eval(Evaluator ev, BinaryExpr b, Frame f) {
        EvalValue l = ev.eval(b.lhs(), f);
        EvalValue r = ev.eval(b.rhs(), f);
        Operator op = b.op();
        if (l instanceof Scalar ls && r instanceof Scalar rs) {
            double[] out = new double[ls.values().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = scalarOp(op, ls.values()[i], rs.values()[i]);
            }
            return new Scalar(out);
        }
        if (l instanceof Vector lv && r instanceof Scalar rs) {
            return vectorScalar(ev, op, lv, rs.values(), false, b.returnBool(), f);
        }
        if (l instanceof Scalar ls && r instanceof Vector rv) {
            return vectorScalar(ev, op, rv, ls.values(), true, b.returnBool(), f);
        }
        Vector lv = (Vector) l;
        Vector rv = (Vector) r;
        VectorMatching m = b.matching() != null ? b.matching()
                : new VectorMatching(op.isSetOperator() ? VectorMatching.Cardinality.MANY_TO_MANY
                        : VectorMatching.Cardinality.ONE_TO_ONE, List.of(), false, List.of(), null, null);
        return switch (op) {
            case LAND, LOR, LUNLESS -> setOp(ev, op, lv, rv, m, f);
            default -> vectorVector(ev, op, lv, rv, m, b.returnBool(), f);
        };
    }

    // ------------------------------------------------------------ element operations

    static double scalarOp(Operator op, double l, double r) {
        return switch (op) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> l / r;
            case POW -> GoMath.pow(l, r);
            case MOD -> GoMath.mod(l, r);
            case ATAN2 -> Math.atan2(l, r);
            case EQLC, NEQ, GTR, LSS, GTE, LTE -> compare(op, l, r) ? 1 : 0;
            default -> throw Evaluator.execution("operator \"" + op.text() + "\" not allowed for Scalar operations");
        };
    }

    private static boolean compare(Operator op, double l, double r) {
        return switch (op) {
            case EQLC -> l == r;
            case NEQ -> l != r;
            case GTR -> l > r;
            case LSS -> l < r;
            case GTE -> l >= r;
            case LTE -> l <= r;
            default -> throw new IllegalStateException(op.toString());
        };
    }

    /** Whether the operator changes what the metric means (arithmetic), which drops its name. */
    static boolean changesMetricSchema(Operator op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, POW, MOD, ATAN2 -> true;
            default -> false;
        };
    }

    // ------------------------------------------------------------ vector and scalar

    private static Vector vectorScalar(Evaluator ev, Operator op, Vector v, double[] scalar, boolean swap,
            boolean returnBool, Frame f) {
        if (op == Operator.TRIM_UPPER || op == Operator.TRIM_LOWER) {
            // Only defined for native histograms; a float operand yields nothing (and an info).
            return new Vector(List.of());
        }
        boolean comparison = op.isComparison();
        boolean drop = changesMetricSchema(op) || returnBool;
        Outputs out = new Outputs(f.steps());
        for (StepSeries s : v.series()) {
            ev.ctx.tick();
            StepSeries o = null;
            for (int i = Math.max(0, s.firstStep()); i < s.endStep(); i++) {
                if (!s.has(i)) {
                    continue;
                }
                double lf = s.value(i);
                double rf = scalar[i];
                if (swap) {
                    double t = lf;
                    lf = rf;
                    rf = t;
                }
                double value;
                boolean keep;
                if (comparison) {
                    keep = compare(op, lf, rf);
                    value = swap ? rf : lf;
                } else {
                    keep = true;
                    value = scalarOp(op, lf, rf);
                }
                if (returnBool) {
                    value = keep ? 1 : 0;
                    keep = true;
                }
                if (!keep) {
                    continue;
                }
                if (o == null) {
                    if (drop) {
                        o = ev.delayedNameRemoval ? out.get(s.labels, true) : out.get(Evaluator.dropMetadata(s.labels), false);
                    } else {
                        o = out.get(s.labels, s.dropName);
                    }
                }
                out.put(o, i, value);
            }
        }
        return out.vector();
    }

    // ------------------------------------------------------------ signatures

    /** The matching signature of a series: only the {@code on} labels, or all but the ignored ones and the name. */
    static Labels signature(Labels l, boolean on, List<String> names) {
        Labels.Builder b = Labels.builder();
        if (on) {
            for (String n : names) {
                String v = l.get(n);
                if (v != null) {
                    b.set(n, v);
                }
            }
            return b.build();
        }
        for (int i = 0; i < l.size(); i++) {
            String n = l.name(i);
            if (!n.equals(Labels.METRIC_NAME) && !names.contains(n)) {
                b.set(n, l.value(i));
            }
        }
        return b.build();
    }

    private static int[] signatures(List<StepSeries> series, VectorMatching m, Map<Labels, Integer> ids) {
        int[] sig = new int[series.size()];
        for (int i = 0; i < sig.length; i++) {
            Labels s = signature(series.get(i).labels, m.on(), m.labels());
            Integer id = ids.get(s);
            if (id == null) {
                id = ids.size();
                ids.put(s, id);
            }
            sig[i] = id;
        }
        return sig;
    }

    // ------------------------------------------------------------ set operators

    private static Vector setOp(Evaluator ev, Operator op, Vector lv, Vector rv, VectorMatching m, Frame f) {
        List<StepSeries> ls = lv.series();
        List<StepSeries> rs = rv.series();
        Map<Labels, Integer> ids = new HashMap<>();
        int[] lsig = signatures(ls, m, ids);
        int[] rsig = signatures(rs, m, ids);
        int steps = f.steps();
        Outputs out = new Outputs(f.steps());
        StepSeries[] lout = new StepSeries[ls.size()];
        StepSeries[] rout = new StepSeries[rs.size()];
        boolean[] seen = new boolean[ids.size()];
        int[] touched = new int[ids.size()];
        for (int i = 0; i < steps; i++) {
            ev.ctx.tick();
            int nt = 0;
            boolean anyL = false;
            boolean anyR = false;
            // Signatures present on the side that decides.
            List<StepSeries> decider = op == Operator.LOR ? ls : rs;
            int[] dsig = op == Operator.LOR ? lsig : rsig;
            for (int k = 0; k < decider.size(); k++) {
                if (decider.get(k).has(i)) {
                    if (!seen[dsig[k]]) {
                        seen[dsig[k]] = true;
                        touched[nt++] = dsig[k];
                    }
                    if (op == Operator.LOR) {
                        anyL = true;
                    } else {
                        anyR = true;
                    }
                }
            }
            switch (op) {
                case LAND -> {
                    if (anyR) {
                        for (int k = 0; k < ls.size(); k++) {
                            StepSeries s = ls.get(k);
                            if (s.has(i) && seen[lsig[k]]) {
                                lout[k] = emit(out, lout[k], s, i);
                            }
                        }
                    }
                }
                case LUNLESS -> {
                    for (int k = 0; k < ls.size(); k++) {
                        StepSeries s = ls.get(k);
                        if (s.has(i) && !seen[lsig[k]]) {
                            lout[k] = emit(out, lout[k], s, i);
                        }
                    }
                }
                default -> {
                    for (int k = 0; k < ls.size(); k++) {
                        StepSeries s = ls.get(k);
                        if (s.has(i)) {
                            lout[k] = emit(out, lout[k], s, i);
                        }
                    }
                    for (int k = 0; k < rs.size(); k++) {
                        StepSeries s = rs.get(k);
                        if (s.has(i) && (!anyL || !seen[rsig[k]])) {
                            rout[k] = emit(out, rout[k], s, i);
                        }
                    }
                }
            }
            for (int k = 0; k < nt; k++) {
                seen[touched[k]] = false;
            }
        }
        return out.vector();
    }

    private static StepSeries emit(Outputs out, StepSeries o, StepSeries s, int step) {
        if (o == null) {
            o = out.get(s.labels, s.dropName);
        }
        out.put(o, step, s.value(step));
        return o;
    }

    // ------------------------------------------------------------ vector and vector

    private static Vector vectorVector(Evaluator ev, Operator op, Vector lv, Vector rv, VectorMatching m,
            boolean returnBool, Frame f) {
        if (op == Operator.TRIM_UPPER || op == Operator.TRIM_LOWER) {
            return new Vector(List.of());
        }
        boolean swap = m.card() == VectorMatching.Cardinality.ONE_TO_MANY;
        boolean oneToOne = m.card() == VectorMatching.Cardinality.ONE_TO_ONE;
        List<StepSeries> many = swap ? rv.series() : lv.series();
        List<StepSeries> one = swap ? lv.series() : rv.series();
        Map<Labels, Integer> ids = new HashMap<>();
        int[] manySig = signatures(many, m, ids);
        int[] oneSig = signatures(one, m, ids);
        int nsig = ids.size();
        int[] oneAt = new int[nsig];
        Arrays.fill(oneAt, -1);
        int[] touched = new int[nsig];
        boolean[] matched = new boolean[nsig];
        int[] matchedTouched = new int[nsig];
        Map<Integer, Set<Labels>> inserted = oneToOne ? null : new HashMap<>();
        Double fillMissingOne = m.fillRight();
        Double fillMissingMany = m.fillLeft();
        boolean comparison = op.isComparison();
        Outputs out = new Outputs(f.steps());
        Map<Long, StepSeries> pairOut = new HashMap<>();
        Map<Long, Labels> pairLabels = new HashMap<>();
        int steps = f.steps();
        for (int i = 0; i < steps; i++) {
            ev.ctx.tick();
            int nt = 0;
            boolean anyMany = false;
            boolean anyOne = false;
            for (int k = 0; k < many.size() && !anyMany; k++) {
                anyMany = many.get(k).has(i);
            }
            for (int k = 0; k < one.size() && !anyOne; k++) {
                anyOne = one.get(k).has(i);
            }
            boolean fills = fillMissingOne != null || fillMissingMany != null;
            if ((!anyMany && !anyOne) || ((!anyMany || !anyOne) && !fills)) {
                continue; // nothing is going to match
            }
            for (int k = 0; k < one.size(); k++) {
                StepSeries s = one.get(k);
                if (!s.has(i)) {
                    continue;
                }
                int sig = oneSig[k];
                if (oneAt[sig] >= 0) {
                    Labels a = one.get(oneAt[sig]).labels;
                    Labels c = s.labels;
                    if (a.compareTo(c) > 0) {
                        Labels t = a;
                        a = c;
                        c = t;
                    }
                    Labels group = matchLabels(s.labels, m);
                    throw Evaluator.execution("found duplicate series for the match group " + Evaluator.goString(group)
                            + " on the " + (swap ? "left" : "right") + " hand-side of the operation: ["
                            + Evaluator.goString(a) + ", " + Evaluator.goString(c)
                            + "];many-to-many matching not allowed: matching labels must be unique on one side");
                }
                oneAt[sig] = k;
                touched[nt++] = sig;
            }
            int nm = 0;
            {
                for (int k = 0; k < many.size(); k++) {
                    StepSeries s = many.get(k);
                    if (!s.has(i)) {
                        continue;
                    }
                    int sig = manySig[k];
                    int o = oneAt[sig];
                    double oneValue;
                    Labels oneLabels;
                    long pair;
                    if (o < 0) {
                        if (fillMissingOne == null) {
                            continue;
                        }
                        oneValue = fillMissingOne;
                        oneLabels = null;
                        pair = ((long) k << 32) | 0xffffffffL;
                    } else {
                        oneValue = one.get(o).value(i);
                        oneLabels = one.get(o).labels;
                        pair = ((long) k << 32) | o;
                    }
                    nm = binop(ev, op, m, swap, returnBool, comparison, oneToOne, s.value(i), oneValue, s.labels,
                            oneLabels, pair, sig, i, matched, matchedTouched, nm, inserted, out, pairOut, pairLabels,
                            true);
                }
                if (fillMissingMany != null) {
                    for (int t = 0; t < nt; t++) {
                        int sig = touched[t];
                        if (matched[sig]) {
                            continue;
                        }
                        int o = oneAt[sig];
                        StepSeries os = one.get(o);
                        long pair = (0xffffffffL << 32) | o;
                        nm = binop(ev, op, m, swap, returnBool, comparison, oneToOne, fillMissingMany, os.value(i),
                                null, os.labels, pair, sig, i, matched, matchedTouched, nm, inserted, out, pairOut,
                                pairLabels, false);
                    }
                }
            }
            for (int t = 0; t < nt; t++) {
                oneAt[touched[t]] = -1;
            }
            for (int t = 0; t < nm; t++) {
                matched[matchedTouched[t]] = false;
            }
            if (inserted != null) {
                inserted.clear();
            }
        }
        return out.vector();
    }

    /** One matched pair (either side may be a fill value, its labels then null). */
    private static int binop(Evaluator ev, Operator op, VectorMatching m, boolean swap, boolean returnBool,
            boolean comparison, boolean oneToOne, double manyValue, double oneValue, Labels manyLabels,
            Labels oneLabels, long pair, int sig, int step, boolean[] matched, int[] matchedTouched, int nm,
            Map<Integer, Set<Labels>> inserted, Outputs out, Map<Long, StepSeries> pairOut,
            Map<Long, Labels> pairLabels, boolean manyPresent) {
        double fl = manyValue;
        double fr = oneValue;
        if (swap) {
            fl = oneValue;
            fr = manyValue;
        }
        double value;
        boolean keep;
        if (comparison) {
            keep = compare(op, fl, fr);
            value = fl;
        } else {
            keep = true;
            value = scalarOp(op, fl, fr);
        }
        if (returnBool) {
            value = keep ? 1 : 0;
        }
        Labels metric = pairLabels.get(pair);
        if (metric == null) {
            Labels ml = manyLabels != null ? manyLabels : matchLabels(oneLabels, m);
            Labels ol = oneLabels != null ? oneLabels : matchLabels(manyLabels, m);
            metric = resultMetric(ml, ol, op, m);
            if (!ev.delayedNameRemoval && returnBool) {
                metric = Evaluator.dropMetadata(metric);
            }
            pairLabels.put(pair, metric);
        }
        if (oneToOne) {
            if (matched[sig]) {
                throw Evaluator.execution(
                        "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
            }
        } else {
            Set<Labels> set = inserted.computeIfAbsent(sig, x -> new HashSet<>());
            if (!set.add(metric)) {
                throw Evaluator.execution("multiple matches for labels: grouping labels must ensure unique matches");
            }
        }
        if (!matched[sig]) {
            matched[sig] = true;
            matchedTouched[nm++] = sig;
        }
        if (!keep && !returnBool) {
            return nm;
        }
        StepSeries o = pairOut.get(pair);
        if (o == null) {
            o = out.get(metric, returnBool && ev.delayedNameRemoval);
            pairOut.put(pair, o);
        }
        out.put(o, step, value);
        return nm;
    }

    /** Prometheus' Labels.MatchLabels: the on labels, or all but the ignored ones and the name. */
    static Labels matchLabels(Labels l, VectorMatching m) {
        return signature(l, m.on(), m.labels());
    }

    /** The labels of a result: the many side's, reduced for one-to-one, plus group_x labels from the one side. */
    static Labels resultMetric(Labels lhs, Labels rhs, Operator op, VectorMatching m) {
        Labels.Builder b = lhs.toBuilder();
        if (changesMetricSchema(op)) {
            b.remove(Labels.METRIC_NAME).remove(Evaluator.TYPE_LABEL).remove(Evaluator.UNIT_LABEL);
        }
        if (m.card() == VectorMatching.Cardinality.ONE_TO_ONE) {
            if (m.on()) {
                List<String> drop = new ArrayList<>();
                for (int i = 0; i < lhs.size(); i++) {
                    if (!m.labels().contains(lhs.name(i))) {
                        drop.add(lhs.name(i));
                    }
                }
                for (String d : drop) {
                    b.remove(d);
                }
            } else {
                for (String n : m.labels()) {
                    b.remove(n);
                }
            }
        }
        for (String n : m.include()) {
            String v = rhs.get(n);
            if (v != null && !v.isEmpty()) {
                b.set(n, v);
            } else {
                b.remove(n);
            }
        }
        return b.build();
    }
}
