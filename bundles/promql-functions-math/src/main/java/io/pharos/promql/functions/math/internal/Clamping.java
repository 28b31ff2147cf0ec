package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.InstantVector;

/** The clamp rule shared by clamp, clamp_min and clamp_max. */
final class Clamping {
    private Clamping() {
    }

    /**
     * Writes {@code max(min, min(max, v))} for each sample with Go's min/max, whose infinities win
     * over NaN (so {@code clamp_max(NaN, -Inf)} is -Inf); nothing when max &lt; min.
     */
    static void clamp(InstantVector v, double min, double max, FunctionOutput out) {
        if (max < min) {
            return;
        }
        for (int i = 0, n = v.size(); i < n; i++) {
            out.add(v.labels(i), GoMath.max(min, GoMath.min(max, v.value(i))));
        }
    }
}
