package io.pharos.promql.functions.label.internal;

import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.PromQLFunctionException;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code label_join(v instant-vector, dst string, separator string, src string...)}: sets
 * {@code dst} to the values of the {@code src} labels (absent ones as empty strings) joined with
 * {@code separator}; an empty result removes {@code dst}. Keeps the metric name.
 */
@Component(service = PromQLFunction.class)
public final class LabelJoinFunction extends AbstractPromQLFunction {
    private static final Object KEY = new Object();

    public LabelJoinFunction() {
        super("label_join", ValueType.VECTOR,
                List.of(ValueType.VECTOR, ValueType.STRING, ValueType.STRING, ValueType.STRING));
        setVariadic(-1);
        setKeepsMetricName();
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        Join state = call.memo(KEY, () -> {
            String[] sources = new String[call.argCount() - 3];
            for (int i = 0; i < sources.length; i++) {
                sources[i] = call.string(i + 3);
            }
            return new Join(call.string(1), call.string(2), sources);
        });
        state.apply(call.vector(0), out);
    }

    private static final class Join extends LabelRewrite {
        private final String dst;
        private final String separator;
        private final String[] sources;

        Join(String dst, String separator, String[] sources) {
            for (String src : sources) {
                if (!Labels.isValidName(src)) {
                    throw new PromQLFunctionException("invalid source label name in label_join(): " + src);
                }
            }
            if (!Labels.isValidName(dst)) {
                throw new PromQLFunctionException("invalid destination label name in label_join(): " + dst);
            }
            this.dst = dst;
            this.separator = separator;
            this.sources = sources;
        }

        @Override
        Labels rewrite(Labels in) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < sources.length; i++) {
                if (i > 0) {
                    sb.append(separator);
                }
                sb.append(in.getOrEmpty(sources[i]));
            }
            return in.toBuilder().set(dst, sb.toString()).build();
        }
    }
}
