package io.pharos.promql.functions.time.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code day_of_year(v=vector(time()) instant-vector)}: the day of the year, 1 to 366, in UTC. */
@Component(service = PromQLFunction.class)
public final class DayOfYearFunction extends DateFunction {
    public DayOfYearFunction() {
        super("day_of_year");
    }

    @Override
    double field(long epochSeconds) {
        return GoTime.dayOfYear(epochSeconds);
    }
}
