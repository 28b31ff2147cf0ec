package io.pharos.promql.functions.histogram.internal;

import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.InstantVector;
import io.pharos.spi.util.GoStrings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups the bucket series of an instant vector into classic histograms: series with equal labels
 * apart from {@code le} form one histogram, whose output labels are those labels (the engine then
 * drops {@code __name__}, so two histograms differing only in name collide there, as in
 * Prometheus). Memoized per call site: each input series is classified (its {@code le} parsed, its
 * group found) once per query, and the groups' arrays are reused, so steps allocate nothing.
 */
final class BucketGroups {
    private static final String BAD_LE = "bucket label \"le\" is missing or has a malformed value of ";

    private final Map<Labels, Series> series = new HashMap<>();
    private final Map<Labels, Buckets> groups = new HashMap<>();
    private final List<Buckets> active = new ArrayList<>();
    private final Set<String> warned = new HashSet<>();
    private final boolean[] ok = new boolean[1];
    private long step;

    /**
     * The histograms of argument {@code arg} with at least one bucket at this step, in order of
     * first appearance; warnings are positioned at that argument, as Prometheus positions them.
     */
    List<Buckets> collect(FunctionCall call, int arg) {
        InstantVector v = call.vector(arg);
        step++;
        active.clear();
        warned.clear();
        for (int i = 0, n = v.size(); i < n; i++) {
            Labels labels = v.labels(i);
            Series s = series.get(labels);
            if (s == null) {
                s = classify(labels);
                series.put(labels, s);
            }
            if (s.group == null) {
                String message = s.badLe;
                if (warned.add(message)) {
                    call.warn(arg, message);
                }
                continue;
            }
            Buckets g = s.group;
            if (g.step != step) {
                g.step = step;
                g.size = 0;
                active.add(g);
            }
            g.add(s.upperBound, v.value(i));
        }
        return active;
    }

    private Series classify(Labels labels) {
        String le = labels.get("le");
        double upperBound = GoFloats.parse(le, ok);
        if (!ok[0]) {
            String name = labels.metricName();
            String message = BAD_LE + GoStrings.quote(le == null ? "" : le)
                    + (name == null ? "" : " for metric name " + GoStrings.quote(name));
            return new Series(null, 0, message);
        }
        Labels key = labels.toBuilder().remove("le").build();
        Buckets group = groups.computeIfAbsent(key, Buckets::new);
        return new Series(group, upperBound, null);
    }

    private record Series(Buckets group, double upperBound, String badLe) {
    }
}
