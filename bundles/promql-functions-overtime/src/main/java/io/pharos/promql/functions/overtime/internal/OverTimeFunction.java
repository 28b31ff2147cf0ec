package io.pharos.promql.functions.overtime.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.ValueType;
import java.util.List;

/**
 * A function of one range vector that reduces each series' samples in the range to one value.
 * Series without samples in the range give nothing.
 */
abstract class OverTimeFunction extends AbstractPromQLFunction {
    OverTimeFunction(String name) {
        super(name, ValueType.VECTOR, List.of(ValueType.MATRIX));
    }

    @Override
    public final void evaluate(FunctionCall call, FunctionOutput out) {
        RangeVector m = call.matrix(0);
        for (int s = 0, size = m.size(); s < size; s++) {
            int n = m.sampleCount(s);
            if (n > 0) {
                out.add(m.labels(s), aggregate(m, s, n));
            }
        }
    }

    /** The value for series {@code s}, which has {@code n > 0} samples. */
    abstract double aggregate(RangeVector m, int s, int n);
}
