package io.pharos.promql.internal;

import io.pharos.promql.internal.EvalValue.Scalar;
import io.pharos.promql.internal.EvalValue.Vector;
import io.pharos.promql.internal.Evaluator.Outputs;
import io.pharos.spi.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregation operators. Each input series is mapped to its group once (labels do not change
 * between steps); then every step accumulates the present samples into per-group primitive state,
 * with Prometheus' float arithmetic (Kahan summation for sum and avg, Welford for stddev/stdvar,
 * NaN handling of min/max, Go's heap order for topk/bottomk).
 */
final class AggregationEval {
    private AggregationEval() {
    }

    static Vector eval(Evaluator ev, AggregateExpr a, Frame f) {
        List<String> grouping = new ArrayList<>(a.grouping());
        grouping.sort(null);
        AggregateOp op = a.op();
        int steps = f.steps();
        String saved = ev.funcHint;
        try {
            if (op == AggregateOp.COUNT_VALUES) {
                String label = ((StringLiteral) Evaluator.unwrap(a.param())).value();
                if (label.isEmpty() || label.indexOf('\uFFFD') >= 0) {
                    throw Evaluator.execution("invalid label name " + GoStrings.quote(label));
                }
                ev.funcHint = op.text();
                Vector in = (Vector) ev.eval(a.expr(), f);
                return countValues(ev, a, grouping, label, in, steps);
            }
            double[] params = null;
            if (a.param() != null) {
                ev.funcHint = "";
                params = ((Scalar) ev.eval(a.param(), f)).values();
            }
            ev.funcHint = op.text();
            Vector in = (Vector) ev.eval(a.expr(), f);
            return switch (op) {
                case TOPK, BOTTOMK, LIMITK, LIMIT_RATIO -> aggregateK(ev, a, grouping, params, in, f);
                default -> aggregate(ev, a, grouping, params, in, steps);
            };
        } finally {
            ev.funcHint = saved;
        }
    }

    static Labels groupLabels(Labels l, List<String> grouping, boolean without) {
        if (without) {
            Labels.Builder b = l.toBuilder();
            for (String g : grouping) {
                b.remove(g);
            }
            b.remove(Labels.METRIC_NAME);
            return b.build();
        }
        if (grouping.isEmpty()) {
            return Labels.EMPTY;
        }
        Labels.Builder b = Labels.builder();
        for (String g : grouping) {
            String v = l.get(g);
            if (v != null) {
                b.set(g, v);
            }
        }
        return b.build();
    }

    /** Kahan-Babuska (Neumaier) summation step; returns the new sum, the compensation in {@code c[0]}. */
    static double kahanSumInc(double inc, double sum, double[] c) {
        double t = sum + inc;
        if (Double.isInfinite(t)) {
            c[0] = 0;
        } else if (Math.abs(sum) >= Math.abs(inc)) {
            c[0] += (sum - t) + inc;
        } else {
            c[0] += (inc - t) + sum;
        }
        return t;
    }

    private static Vector aggregate(Evaluator ev, AggregateExpr a, List<String> grouping, double[] params, Vector in,
            int steps) {
        AggregateOp op = a.op();
        List<StepSeries> input = in.series();
        Map<Labels, Integer> groupIds = new HashMap<>();
        List<StepSeries> outputs = new ArrayList<>();
        int[] groupOf = new int[input.size()];
        for (int s = 0; s < input.size(); s++) {
            Labels g = groupLabels(input.get(s).labels, grouping, a.without());
            Integer id = groupIds.get(g);
            if (id == null) {
                id = outputs.size();
                groupIds.put(g, id);
                outputs.add(new StepSeries(g));
            }
            groupOf[s] = id;
        }
        int ng = outputs.size();
        boolean[] seen = new boolean[ng];
        double[] value = new double[ng];
        double[] mean = new double[ng];
        double[] kahan = new double[ng];
        double[] count = new double[ng];
        boolean[] incremental = new boolean[ng];
        boolean[] dropName = new boolean[ng];
        double[][] heaps = op == AggregateOp.QUANTILE ? new double[ng][] : null;
        int[] heapSize = op == AggregateOp.QUANTILE ? new int[ng] : null;
        double[] c = new double[1];
        for (int i = 0; i < steps; i++) {
            ev.ctx.tick();
            Arrays.fill(seen, false);
            for (int s = 0; s < input.size(); s++) {
                StepSeries ss = input.get(s);
                if (!ss.has(i)) {
                    continue;
                }
                double v = ss.value(i);
                int g = groupOf[s];
                if (!seen[g]) {
                    seen[g] = true;
                    value[g] = v;
                    mean[g] = v;
                    kahan[g] = 0;
                    count[g] = 1;
                    incremental[g] = false;
                    dropName[g] = ss.dropName;
                    switch (op) {
                        case STDDEV, STDVAR -> value[g] = Double.isNaN(v) || Double.isInfinite(v) ? Double.NaN : 0;
                        case GROUP -> value[g] = 1;
                        case QUANTILE -> {
                            if (heaps[g] == null) {
                                heaps[g] = new double[8];
                            }
                            heaps[g][0] = v;
                            heapSize[g] = 1;
                        }
                        default -> {
                        }
                    }
                    continue;
                }
                if (ss.dropName) {
                    dropName[g] = true;
                }
                switch (op) {
                    case SUM -> {
                        c[0] = kahan[g];
                        value[g] = kahanSumInc(v, value[g], c);
                        kahan[g] = c[0];
                    }
                    case AVG -> {
                        count[g]++;
                        if (!incremental[g]) {
                            c[0] = kahan[g];
                            double nv = kahanSumInc(v, value[g], c);
                            if (!Double.isInfinite(nv)) {
                                value[g] = nv;
                                kahan[g] = c[0];
                                break;
                            }
                            incremental[g] = true;
                            mean[g] = value[g] / (count[g] - 1);
                            kahan[g] /= count[g] - 1;
                        }
                        double q = (count[g] - 1) / count[g];
                        c[0] = q * kahan[g];
                        mean[g] = kahanSumInc(v / count[g], q * mean[g], c);
                        kahan[g] = c[0];
                    }
                    case GROUP -> {
                    }
                    case MAX -> {
                        if (value[g] < v || Double.isNaN(value[g])) {
                            value[g] = v;
                        }
                    }
                    case MIN -> {
                        if (value[g] > v || Double.isNaN(value[g])) {
                            value[g] = v;
                        }
                    }
                    case COUNT -> count[g]++;
                    case STDDEV, STDVAR -> {
                        count[g]++;
                        double delta = v - mean[g];
                        mean[g] += delta / count[g];
                        value[g] += delta * (v - mean[g]);
                    }
                    case QUANTILE -> {
                        if (heapSize[g] == heaps[g].length) {
                            heaps[g] = Arrays.copyOf(heaps[g], heapSize[g] * 2);
                        }
                        heaps[g][heapSize[g]++] = v;
                    }
                    default -> throw new IllegalStateException(op.toString());
                }
            }
            for (int g = 0; g < ng; g++) {
                if (!seen[g]) {
                    continue;
                }
                double out = switch (op) {
                    case AVG -> incremental[g] ? mean[g] + kahan[g] : value[g] / count[g] + kahan[g] / count[g];
                    case COUNT -> count[g];
                    case STDVAR -> value[g] / count[g];
                    case STDDEV -> Math.sqrt(value[g] / count[g]);
                    case QUANTILE -> {
                        double q = params[i];
                        if (Double.isNaN(q) || q < 0 || q > 1) {
                            ev.warn("quantile value should be between 0 and 1, got " + GoNumbers.formatV(q),
                                    a.param().position());
                        }
                        yield quantile(q, heaps[g], heapSize[g]);
                    }
                    case SUM -> value[g] + kahan[g];
                    default -> value[g];
                };
                StepSeries o = outputs.get(g);
                o.set(i, out);
                o.dropName = dropName[g];
            }
        }
        List<StepSeries> result = new ArrayList<>(ng);
        for (StepSeries o : outputs) {
            if (o.count() > 0) {
                result.add(o);
            }
        }
        return new Vector(result);
    }

    /** Prometheus' quantile over the values of a group: linear between the two nearest ranks. */
    static double quantile(double q, double[] values, int n) {
        if (n == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        double[] v = Arrays.copyOf(values, n);
        sortNaNFirst(v);
        double rank = q * (n - 1);
        double lowerIndex = Math.max(0, Math.floor(rank));
        double upperIndex = Math.min(n - 1, lowerIndex + 1);
        double weight = rank - Math.floor(rank);
        return v[(int) lowerIndex] * (1 - weight) + v[(int) upperIndex] * weight;
    }

    /** Sorts ascending with NaN first, as Prometheus' vectorByValueHeap orders. */
    static void sortNaNFirst(double[] v) {
        Arrays.sort(v);
        int nan = 0;
        for (int i = v.length - 1; i >= 0 && Double.isNaN(v[i]); i--) {
            nan++;
        }
        if (nan > 0 && nan < v.length) {
            System.arraycopy(v, 0, v, nan, v.length - nan);
            Arrays.fill(v, 0, nan, Double.NaN);
        }
    }

    // ------------------------------------------------------------ topk, bottomk, limitk, limit_ratio

    private static Vector aggregateK(Evaluator ev, AggregateExpr a, List<String> grouping, double[] params, Vector in,
            Frame f) {
        AggregateOp op = a.op();
        int steps = f.steps();
        List<StepSeries> input = in.series();
        Outputs out = new Outputs(f.steps());
        if (steps == 0) {
            return out.vector();
        }
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        boolean nan = false;
        for (double p : params) {
            if (Double.isNaN(p)) {
                nan = true;
            } else {
                max = Math.max(max, p);
                min = Math.min(min, p);
            }
        }
        if (op == AggregateOp.LIMIT_RATIO) {
            if (max == 0 && min == 0 && !nan) {
                return out.vector();
            }
            if (nan) {
                throw Evaluator.execution("Ratio value is NaN");
            }
            if (max > 1.0) {
                ev.warn("ratio value should be between -1 and 1, got " + GoNumbers.formatV(max)
                        + ", capping to 1", a.param().position());
            }
            if (min < -1.0) {
                ev.warn("ratio value should be between -1 and 1, got " + GoNumbers.formatV(min)
                        + ", capping to -1", a.param().position());
            }
        } else {
            if (max < 1 && !nan) {
                return out.vector();
            }
            if (nan) {
                throw Evaluator.execution("Parameter value is NaN");
            }
            if (min <= -9223372036854775808.0) {
                throw Evaluator.execution("Scalar value " + GoNumbers.formatV(min) + " underflows int64");
            }
            if (max >= 9223372036854774784.0) {
                throw Evaluator.execution("Scalar value " + GoNumbers.formatV(max) + " overflows int64");
            }
        }
        Map<Labels, Integer> groupIds = new HashMap<>();
        int[] groupOf = new int[input.size()];
        for (int s = 0; s < input.size(); s++) {
            Labels g = groupLabels(input.get(s).labels, grouping, a.without());
            Integer id = groupIds.get(g);
            if (id == null) {
                id = groupIds.size();
                groupIds.put(g, id);
            }
            groupOf[s] = id;
        }
        int ng = groupIds.size();
        int[][] heaps = new int[ng][];
        int[] heapSize = new int[ng];
        boolean[] seen = new boolean[ng];
        double[] ratioOffset = null;
        if (op == AggregateOp.LIMIT_RATIO) {
            ratioOffset = new double[input.size()];
            for (int s = 0; s < input.size(); s++) {
                ratioOffset[s] = sampleOffset(input.get(s).labels);
            }
        }
        StepSeries[] outOf = new StepSeries[input.size()];
        double[] vals = new double[input.size()];
        int[] order = new int[ng];
        for (int i = 0; i < steps; i++) {
            ev.ctx.tick();
            double p = params[i];
            long k = 0;
            double r = 0;
            if (op == AggregateOp.LIMIT_RATIO) {
                if (p == 0) {
                    continue;
                }
                r = p < -1.0 ? -1.0 : Math.min(p, 1.0);
            } else {
                k = Math.min((long) p, input.size());
                if (k < 1) {
                    continue;
                }
            }
            Arrays.fill(seen, false);
            int no = 0;
            for (int s = 0; s < input.size(); s++) {
                StepSeries ss = input.get(s);
                if (!ss.has(i)) {
                    continue;
                }
                double v = ss.value(i);
                vals[s] = v;
                int g = groupOf[s];
                if (!seen[g]) {
                    seen[g] = true;
                    order[no++] = g;
                    heapSize[g] = 0;
                    if (heaps[g] == null) {
                        heaps[g] = new int[8];
                    }
                    if (op == AggregateOp.LIMIT_RATIO) {
                        if (addRatioSample(r, ratioOffset[s])) {
                            push(heaps, heapSize, g, s, vals, false);
                        }
                    } else {
                        push(heaps, heapSize, g, s, vals, op == AggregateOp.BOTTOMK);
                    }
                    continue;
                }
                int[] h = heaps[g];
                switch (op) {
                    case TOPK -> {
                        if (heapSize[g] < k) {
                            push(heaps, heapSize, g, s, vals, false);
                        } else if (vals[h[0]] < v || (Double.isNaN(vals[h[0]]) && !Double.isNaN(v))) {
                            h[0] = s;
                            if (k > 1) {
                                fix(h, heapSize[g], vals, false);
                            }
                        }
                    }
                    case BOTTOMK -> {
                        if (heapSize[g] < k) {
                            push(heaps, heapSize, g, s, vals, true);
                        } else if (vals[h[0]] > v || (Double.isNaN(vals[h[0]]) && !Double.isNaN(v))) {
                            h[0] = s;
                            if (k > 1) {
                                fix(h, heapSize[g], vals, true);
                            }
                        }
                    }
                    case LIMITK -> {
                        if (heapSize[g] < k) {
                            push(heaps, heapSize, g, s, vals, false);
                        }
                    }
                    default -> {
                        if (addRatioSample(r, ratioOffset[s])) {
                            push(heaps, heapSize, g, s, vals, false);
                        }
                    }
                }
            }
            for (int gi = 0; gi < no; gi++) {
                int g = order[gi];
                int[] h = heaps[g];
                int n = heapSize[g];
                if (n > 1 && (op == AggregateOp.TOPK || op == AggregateOp.BOTTOMK)) {
                    reverseSort(h, n, vals, op == AggregateOp.BOTTOMK);
                }
                for (int j = 0; j < n; j++) {
                    int s = h[j];
                    StepSeries o = outOf[s];
                    if (o == null) {
                        StepSeries ss = input.get(s);
                        o = out.get(ss.labels, ss.dropName);
                        outOf[s] = o;
                    }
                    out.put(o, i, vals[s]);
                }
            }
        }
        return out.vector();
    }

    /** Less of Prometheus' vectorByValueHeap (NaN smallest), or of vectorByReverseValueHeap. */
    private static boolean less(double vi, double vj, boolean reverse) {
        if (Double.isNaN(vi)) {
            return true;
        }
        return reverse ? vi > vj : vi < vj;
    }

    private static void push(int[][] heaps, int[] heapSize, int g, int s, double[] vals, boolean reverse) {
        int[] h = heaps[g];
        int n = heapSize[g];
        if (n == h.length) {
            h = Arrays.copyOf(h, n * 2);
            heaps[g] = h;
        }
        h[n] = s;
        heapSize[g] = n + 1;
        up(h, n, vals, reverse);
    }

    private static void up(int[] h, int j, double[] vals, boolean reverse) {
        while (true) {
            int i = (j - 1) / 2;
            if (i == j || !less(vals[h[j]], vals[h[i]], reverse)) {
                break;
            }
            int t = h[i];
            h[i] = h[j];
            h[j] = t;
            j = i;
        }
    }

    private static void fix(int[] h, int n, double[] vals, boolean reverse) {
        if (!down(h, 0, n, vals, reverse)) {
            up(h, 0, vals, reverse);
        }
    }

    private static boolean down(int[] h, int i0, int n, double[] vals, boolean reverse) {
        int i = i0;
        while (true) {
            int j1 = 2 * i + 1;
            if (j1 >= n || j1 < 0) {
                break;
            }
            int j = j1;
            int j2 = j1 + 1;
            if (j2 < n && less(vals[h[j2]], vals[h[j1]], reverse)) {
                j = j2;
            }
            if (!less(vals[h[j]], vals[h[i]], reverse)) {
                break;
            }
            int t = h[i];
            h[i] = h[j];
            h[j] = t;
            i = j;
        }
        return i > i0;
    }

    /** Go's sort.Sort(sort.Reverse(heap)): insertion sort for small inputs, as Go's pdqsort does. */
    private static void reverseSort(int[] h, int n, double[] vals, boolean reverse) {
        if (n <= 12) {
            for (int i = 1; i < n; i++) {
                for (int j = i; j > 0 && less(vals[h[j - 1]], vals[h[j]], reverse); j--) {
                    int t = h[j];
                    h[j] = h[j - 1];
                    h[j - 1] = t;
                }
            }
            return;
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = h[i];
        }
        Arrays.sort(boxed, (x, y) -> {
            boolean xy = less(vals[y], vals[x], reverse);
            boolean yx = less(vals[x], vals[y], reverse);
            return xy == yx ? 0 : xy ? -1 : 1;
        });
        for (int i = 0; i < n; i++) {
            h[i] = boxed[i];
        }
    }

    /** A deterministic offset in [0, 1) from a series' labels, for limit_ratio. */
    static double sampleOffset(Labels l) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < l.size(); i++) {
            h = fnv(h, l.name(i));
            h = (h ^ 0xff) * 0x100000001b3L;
            h = fnv(h, l.value(i));
            h = (h ^ 0xff) * 0x100000001b3L;
        }
        double u = h >= 0 ? (double) h : ((double) ((h >>> 1) | (h & 1))) * 2.0;
        return u / 1.8446744073709552E19;
    }

    private static long fnv(long h, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    static boolean addRatioSample(double ratioLimit, double offset) {
        return (ratioLimit >= 0 && offset < ratioLimit) || (ratioLimit < 0 && offset >= 1.0 + ratioLimit);
    }

    // ------------------------------------------------------------ count_values

    private static Vector countValues(Evaluator ev, AggregateExpr a, List<String> grouping, String label, Vector in,
            int steps) {
        List<String> g = grouping;
        if (!a.without()) {
            g = new ArrayList<>(grouping);
            g.add(label);
            g.sort(null);
        }
        Outputs out = new Outputs(steps);
        Map<Labels, int[]> counts = new HashMap<>();
        List<Labels> order = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            ev.ctx.tick();
            counts.clear();
            order.clear();
            for (StepSeries s : in.series()) {
                if (!s.has(i)) {
                    continue;
                }
                Labels metric = s.labels.toBuilder().set(label, GoNumbers.formatF(s.value(i))).build();
                Labels key = groupLabels(metric, g, a.without());
                int[] c = counts.get(key);
                if (c == null) {
                    counts.put(key, new int[] {1});
                    order.add(key);
                } else {
                    c[0]++;
                }
            }
            for (Labels key : order) {
                out.put(out.get(key, false), i, counts.get(key)[0]);
            }
        }
        return out.vector();
    }
}
