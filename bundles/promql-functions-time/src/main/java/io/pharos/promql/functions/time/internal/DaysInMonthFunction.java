package io.pharos.promql.functions.time.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code days_in_month(v=vector(time()) instant-vector)}: the number of days in the month, 28 to 31, in UTC. */
@Component(service = PromQLFunction.class)
public final class DaysInMonthFunction extends DateFunction {
    public DaysInMonthFunction() {
        super("days_in_month");
    }

    @Override
    double field(long epochSeconds) {
        return GoTime.daysInMonth(epochSeconds);
    }
}
