package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import org.osgi.service.component.annotations.Component;

/** {@code resets(v range-vector)}: how often the value decreased in the range (counter resets). */
@Component(service = PromQLFunction.class)
public final class ResetsFunction extends OverTimeFunction {
    public ResetsFunction() {
        super("resets");
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        int resets = 0;
        double prev = m.value(s, 0);
        for (int i = 1; i < n; i++) {
            double cur = m.value(s, i);
            if (cur < prev) {
                resets++;
            }
            prev = cur;
        }
        return resets;
    }
}
