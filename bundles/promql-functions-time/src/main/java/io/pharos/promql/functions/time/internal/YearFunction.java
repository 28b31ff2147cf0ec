package io.pharos.promql.functions.time.internal;

import io.pharos.spi.promql.PromQLFunction;
import org.osgi.service.component.annotations.Component;

/** {@code year(v=vector(time()) instant-vector)}: the year, in UTC. */
@Component(service = PromQLFunction.class)
public final class YearFunction extends DateFunction {
    public YearFunction() {
        super("year");
    }

    @Override
    double field(long epochSeconds) {
        return GoTime.year(epochSeconds);
    }
}
