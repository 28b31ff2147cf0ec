package io.pharos.promql.functions.time.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code hour(v=vector(time()) instant-vector)}: the hour of the day, 0 to 23, in UTC. */
@Component(service = PromQLFunction.class)
public final class HourFunction extends DateFunction {
    public HourFunction() {
        super("hour");
    }

    @Override
    double field(long epochSeconds) {
        return GoTime.hour(epochSeconds);
    }
}
