package io.pharos.promql.functions.time.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code minute(v=vector(time()) instant-vector)}: the minute of the hour, 0 to 59, in UTC. */
@Component(service = PromQLFunction.class)
public final class MinuteFunction extends DateFunction {
    public MinuteFunction() {
        super("minute");
    }

    @Override
    double field(long epochSeconds) {
        return GoTime.minute(epochSeconds);
    }
}
