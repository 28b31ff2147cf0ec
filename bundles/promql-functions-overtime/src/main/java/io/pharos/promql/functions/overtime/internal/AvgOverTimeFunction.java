package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.util.KahanSum;
import org.osgi.service.component.annotations.Component;

/**
 * {@code avg_over_time(v range-vector)}: the mean of the values in the range. As in Prometheus, a
 * Kahan-compensated sum divided by the count, switching to an incremental mean only once the sum
 * would overflow.
 */
@Component(service = PromQLFunction.class)
public final class AvgOverTimeFunction extends OverTimeFunction {
    public AvgOverTimeFunction() {
        super("avg_over_time");
    }

    @Override
    double aggregate(RangeVector m, int s, int n) {
        double sum = m.value(s, 0);
        double count = 1;
        double mean = 0;
        double c = 0;
        boolean incremental = false;
        for (int i = 1; i < n; i++) {
            double v = m.value(s, i);
            count = i + 1;
            if (!incremental) {
                double newSum = sum + v;
                if (!Double.isInfinite(newSum)) {
                    c = KahanSum.compensate(v, sum, c);
                    sum = newSum;
                    continue;
                }
                incremental = true;
                mean = sum / (count - 1);
                c /= count - 1;
            }
            double q = (count - 1) / count;
            double inc = v / count;
            double scaledMean = q * mean;
            c = KahanSum.compensate(inc, scaledMean, q * c);
            mean = scaledMean + inc;
        }
        if (incremental) {
            return mean + c;
        }
        return sum / count + c / count;
    }
}
