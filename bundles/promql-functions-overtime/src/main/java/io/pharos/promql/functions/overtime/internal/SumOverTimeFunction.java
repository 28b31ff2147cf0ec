package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.util.KahanSum;
import org.osgi.service.component.annotations.Component;

/** {@code sum_over_time(v range-vector)}: the sum of the values in the range, Kahan-compensated. */
@Component(service = PromQLFunction.class)
public final class SumOverTimeFunction extends OverTimeFunction {
    public SumOverTimeFunction() {
        super("sum_over_time");
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        double sum = 0;
        double c = 0;
        for (int i = 0; i < n; i++) {
            double v = m.value(s, i);
            c = KahanSum.compensate(v, sum, c);
            sum += v;
        }
        return Double.isInfinite(sum) ? sum : sum + c;
    }
}
