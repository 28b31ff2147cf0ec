package io.pharos.promql.functions.time.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code day_of_month(v=vector(time()) instant-vector)}: the day of the month, 1 to 31, in UTC. */
@Component(service = PromQLFunction.class)
public final class DayOfMonthFunction extends DateFunction {
    public DayOfMonthFunction() {
        super("day_of_month");
    }

    @Override
    double field(long epochSeconds) {
        return GoTime.dayOfMonth(epochSeconds);
    }
}
