package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.util.KahanSum;

/** The population variance as Prometheus computes it: Welford's method with Kahan-compensated sums. */
final class Variance {
    private Variance() {
    }

    static double of(RangeVector m, int s, int n) {
        double count = 0;
        double mean = 0;
        double cMean = 0;
        double aux = 0;
        double cAux = 0;
        for (int i = 0; i < n; i++) {
            double v = m.value(s, i);
            count++;
            double delta = v - (mean + cMean);
            double inc = delta / count;
            cMean = KahanSum.compensate(inc, mean, cMean);
            mean += inc;
            double incAux = delta * (v - (mean + cMean));
            cAux = KahanSum.compensate(incAux, aux, cAux);
            aux += incAux;
        }
        return (aux + cAux) / count;
    }
}
