package io.pharos.promql.functions.rate.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.PromQLFunctionException;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.ValueType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code double_exponential_smoothing(v range-vector, sf scalar, tf scalar)} (experimental; was
 * {@code holt_winters} before Prometheus 3.0): Holt's linear smoothing of each series with smoothing
 * factor sf and trend factor tf, both strictly between 0 and 1 (else the query fails, as soon as
 * there is a series to smooth). Needs two samples.
 */
@Component(service = PromQLFunction.class)
public final class DoubleExponentialSmoothingFunction extends AbstractPromQLFunction {
    public DoubleExponentialSmoothingFunction() {
        super("double_exponential_smoothing", ValueType.VECTOR,
                List.of(ValueType.MATRIX, ValueType.SCALAR, ValueType.SCALAR));
        setExperimental();
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        RangeVector m = call.matrix(0);
        double sf = call.scalar(1);
        double tf = call.scalar(2);
        for (int s = 0, size = m.size(); s < size; s++) {
            int n = m.sampleCount(s);
            if (n == 0) {
                continue;
            }
            if (sf <= 0 || sf >= 1) {
                throw new PromQLFunctionException("invalid smoothing factor. Expected: 0 < sf < 1, got: " + goF(sf));
            }
            if (tf <= 0 || tf >= 1) {
                throw new PromQLFunctionException("invalid trend factor. Expected: 0 < tf < 1, got: " + goF(tf));
            }
            if (n >= 2) {
                out.add(m.labels(s), smooth(m, s, n, sf, tf));
            }
        }
    }

    private static double smooth(RangeVector m, int s, int n, double sf, double tf) {
        double s0 = 0;
        double s1 = m.value(s, 0);
        double b = m.value(s, 1) - s1;
        for (int i = 1; i < n; i++) {
            double x = sf * m.value(s, i); // the raw value, scaled by the smoothing factor
            if (i > 1) {
                b = tf * (s1 - s0) + (1 - tf) * b; // the trend, from the last two smoothed values
            }
            double y = (1 - sf) * (s1 + b);
            s0 = s1;
            s1 = x + y;
        }
        return s1;
    }

    /** Go's {@code %f}: six decimals of the exact binary value; NaN and ±Inf spelled as Go does. */
    static String goF(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        } else if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        String f = new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        return v < 0 || (v == 0 && Double.doubleToRawLongBits(v) < 0) ? (f.startsWith("-") ? f : "-" + f) : f;
    }
}
