package io.pharos.promql.internal;

import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.ValueType;
import java.util.List;

/** Minimal function plugins for the engine's own tests. */
final class TestFunctions {
    private TestFunctions() {
    }

    /** A range function: (last - first) / range in seconds, without extrapolation. */
    static final class Delta implements PromQLFunction {
        private final String name;

        Delta(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<ValueType> argTypes() {
            return List.of(ValueType.MATRIX);
        }

        @Override
        public ValueType returnType() {
            return ValueType.VECTOR;
        }

        @Override
        public void evaluate(FunctionCall call, FunctionOutput out) {
            RangeVector m = call.matrix(0);
            double seconds = (m.rangeEnd() - m.rangeStart()) / 1000.0;
            for (int k = 0; k < m.size(); k++) {
                int n = m.sampleCount(k);
                if (n >= 2) {
                    out.add(m.labels(k), (m.value(k, n - 1) - m.value(k, 0)) / seconds);
                }
            }
        }
    }
}
