package io.pharos.promql.functions.label.internal;

import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.InstantVector;
import io.pharos.spi.promql.PromQLFunctionException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The per-query state of {@code label_replace} and {@code label_join}, memoized per call site: their
 * string arguments are literals, so the rewrite of a label set is the same at every step and is
 * computed once per distinct input. Also detects two outputs with the same labels in one step,
 * which Prometheus rejects.
 */
abstract class LabelRewrite {
    static final String DUPLICATE = "vector cannot contain metrics with the same labelset";

    private final Map<Labels, Labels> rewritten = new HashMap<>();
    private final Set<Labels> seen = new HashSet<>();

    /** The new labels for {@code in}; may return {@code in} itself. */
    abstract Labels rewrite(Labels in);

    final void apply(InstantVector v, FunctionOutput out) {
        seen.clear();
        for (int i = 0, n = v.size(); i < n; i++) {
            Labels in = v.labels(i);
            Labels result = rewritten.get(in);
            if (result == null) {
                result = rewrite(in);
                rewritten.put(in, result);
            }
            if (!seen.add(result)) {
                throw new PromQLFunctionException(DUPLICATE);
            }
            out.add(result, v.value(i));
        }
    }
}
