package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import org.osgi.service.component.annotations.Component;

/** {@code changes(v range-vector)}: how often the value changed in the range (NaN to NaN is no change). */
@Component(service = PromQLFunction.class)
public final class ChangesFunction extends OverTimeFunction {
    public ChangesFunction() {
        super("changes");
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        int changes = 0;
        double prev = m.value(s, 0);
        for (int i = 1; i < n; i++) {
            double cur = m.value(s, i);
            if (cur != prev && !(Double.isNaN(cur) && Double.isNaN(prev))) {
                changes++;
            }
            prev = cur;
        }
        return changes;
    }
}
