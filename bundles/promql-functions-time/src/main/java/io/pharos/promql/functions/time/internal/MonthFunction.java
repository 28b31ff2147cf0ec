package io.pharos.promql.functions.time.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code month(v=vector(time()) instant-vector)}: the month of the year, 1 to 12, in UTC. */
@Component(service = PromQLFunction.class)
public final class MonthFunction extends DateFunction {
    public MonthFunction() {
        super("month");
    }

    @Override
    double field(long epochSeconds) {
        return GoTime.month(epochSeconds);
    }
}
