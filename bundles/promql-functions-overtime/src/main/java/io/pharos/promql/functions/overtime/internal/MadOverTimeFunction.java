package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code mad_over_time(v range-vector)} (experimental): the median absolute deviation of the values
 * in the range, i.e. the median of their distances to their median. A NaN value makes it NaN.
 */
@Component(service = PromQLFunction.class)
public final class MadOverTimeFunction extends AbstractPromQLFunction {
    public MadOverTimeFunction() {
        super("mad_over_time", ValueType.VECTOR, List.of(ValueType.MATRIX));
        setExperimental();
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        RangeVector m = call.matrix(0);
        Scratch scratch = call.memo(Scratch.class, Scratch::new);
        for (int s = 0, size = m.size(); s < size; s++) {
            int n = m.sampleCount(s);
            if (n > 0) {
                out.add(m.labels(s), mad(m, s, n, scratch.get(n)));
            }
        }
    }

    private static double mad(RangeVector m, int s, int n, double[] values) {
        for (int i = 0; i < n; i++) {
            double v = m.value(s, i);
            if (Double.isNaN(v)) {
                return Double.NaN; // the median, and so the deviation, is undefined
            }
            values[i] = v;
        }
        double median = Quantiles.quantile(0.5, values, n);
        for (int i = 0; i < n; i++) {
            values[i] = Math.abs(values[i] - median);
        }
        return Quantiles.quantile(0.5, values, n);
    }
}
