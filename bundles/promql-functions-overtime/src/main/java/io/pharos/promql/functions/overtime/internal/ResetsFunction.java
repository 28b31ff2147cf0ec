package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.util.StartTimestamps;
import org.osgi.service.component.annotations.Component;

/**
 * {@code resets(v range-vector)}: how often the counter restarted in the range: its value
 * decreased, or a sample's start timestamp says its counting began after the previous sample.
 */
@Component(service = PromQLFunction.class)
public final class ResetsFunction extends OverTimeFunction {
    public ResetsFunction() {
        super("resets");
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        int resets = 0;
        double prev = m.value(s, 0);
        long prevT = m.timestamp(s, 0);
        long prevStart = m.startTimestamp(s, 0);
        for (int i = 1; i < n; i++) {
            double cur = m.value(s, i);
            long t = m.timestamp(s, i);
            long start = m.startTimestamp(s, i);
            if (cur < prev || StartTimestamps.isReset(prevStart, prevT, start, t)) {
                resets++;
            }
            prev = cur;
            prevT = t;
            prevStart = start;
        }
        return resets;
    }
}
