package io.pharos.promql.functions.time.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code day_of_week(v=vector(time()) instant-vector)}: the day of the week, 0 (Sunday) to 6, in UTC. */
@Component(service = PromQLFunction.class)
public final class DayOfWeekFunction extends DateFunction {
    public DayOfWeekFunction() {
        super("day_of_week");
    }

    @Override
    double field(long epochSeconds) {
        return GoTime.dayOfWeek(epochSeconds);
    }
}
