package io.pharos.promql.functions.math.internal;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.InstantVector;
import io.pharos.spi.promql.ValueType;
import java.util.List;

/** A function of one instant vector that maps each sample's value and passes its labels through. */
abstract class ElementwiseFunction extends AbstractPromQLFunction {
    ElementwiseFunction(String name) {
        super(name, ValueType.VECTOR, List.of(ValueType.VECTOR));
    }

    @Override
    public final void evaluate(FunctionCall call, FunctionOutput out) {
        InstantVector v = call.vector(0);
        for (int i = 0, n = v.size(); i < n; i++) {
            out.add(v.labels(i), apply(v.value(i)));
        }
    }

    abstract double apply(double v);
}
