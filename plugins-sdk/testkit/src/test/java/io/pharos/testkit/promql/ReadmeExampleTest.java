package io.pharos.testkit.promql;

import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.RangeVector;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of plugins-sdk/README.md, kept honest. */
class ReadmeExampleTest {
    /** Per-second increase between the first and last sample of the window, without extrapolation. */
    static final class MyFunction extends AbstractPromQLFunction {
        MyFunction() {
            super("my_rate", ValueType.VECTOR, List.of(ValueType.MATRIX));
        }

        @Override
        public void evaluate(FunctionCall call, FunctionOutput out) {
            RangeVector m = call.matrix(0);
            for (int s = 0; s < m.size(); s++) {
                int n = m.sampleCount(s);
                if (n >= 2) {
                    double seconds = (m.timestamp(s, n - 1) - m.timestamp(s, 0)) / 1000.0;
                    out.add(m.labels(s), (m.value(s, n - 1) - m.value(s, 0)) / seconds);
                }
            }
        }
    }

    @Test
    void readmeExample() {
        FunctionTester.call(new MyFunction())
                .at("10m")
                .matrix(m -> m.window("5m").load("x_total", "1m", "0+10x10"))
                .run()
                .assertSamples("{} 0.16666666666666666");
    }
}
