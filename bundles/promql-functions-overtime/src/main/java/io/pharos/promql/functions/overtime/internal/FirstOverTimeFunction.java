package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import org.osgi.service.component.annotations.Component;

/** {@code first_over_time(v range-vector)} (experimental): the oldest value in the range; keeps the metric name. */
@Component(service = PromQLFunction.class)
public final class FirstOverTimeFunction extends OverTimeFunction {
    public FirstOverTimeFunction() {
        super("first_over_time");
        setExperimental();
        setKeepsMetricName();
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        return m.value(s, 0);
    }
}
