package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import org.osgi.service.component.annotations.Component;

/** {@code last_over_time(v range-vector)}: the most recent value in the range; keeps the metric name. */
@Component(service = PromQLFunction.class)
public final class LastOverTimeFunction extends OverTimeFunction {
    public LastOverTimeFunction() {
        super("last_over_time");
        setKeepsMetricName();
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        return m.value(s, n - 1);
    }
}
