package io.pharos.promql.functions.label.internal;

import io.pharos.relabel.Action;
import io.pharos.relabel.RelabelConfig;
import io.pharos.relabel.RelabelRegex;
import io.pharos.relabel.Relabeler;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.PluginConfigException;
import io.pharos.spi.promql.AbstractPromQLFunction;
import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.PromQLFunctionException;
import io.pharos.spi.promql.ValueType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code label_replace(v instant-vector, dst string, replacement string, src string, regex string)}:
 * where the RE2 {@code regex} matches the whole value of {@code src} ({@code .} matching newlines),
 * sets {@code dst} to {@code replacement} with {@code $1}, {@code ${name}} etc. expanded as Go's
 * {@code Regexp.Expand} does; an empty result removes {@code dst}. Series that do not match pass
 * unchanged. Keeps the metric name.
 *
 * <p>This is relabeling's {@code replace} action with one source label, so the relabel library does
 * the matching and expansion; only the target is escaped, since relabeling would expand it too.
 */
@Component(service = PromQLFunction.class)
public final class LabelReplaceFunction extends AbstractPromQLFunction {
    private static final Object KEY = new Object();

    public LabelReplaceFunction() {
        super("label_replace", ValueType.VECTOR,
                List.of(ValueType.VECTOR, ValueType.STRING, ValueType.STRING, ValueType.STRING, ValueType.STRING));
        setKeepsMetricName();
    }

    @Override
    public void evaluate(FunctionCall call, FunctionOutput out) {
        Replace state = call.memo(KEY, () -> new Replace(call.string(1), call.string(2), call.string(3),
                call.string(4)));
        state.apply(call.vector(0), out);
    }

    private static final class Replace extends LabelRewrite {
        private final List<RelabelConfig> configs;

        Replace(String dst, String replacement, String src, String regex) {
            RelabelRegex re;
            try {
                re = RelabelRegex.compile(regex);
            } catch (PluginConfigException e) {
                throw new PromQLFunctionException("invalid regular expression in label_replace(): " + regex);
            }
            if (!Labels.isValidName(dst)) {
                throw new PromQLFunctionException("invalid destination label name in label_replace(): " + dst);
            }
            // "$$" expands to "$": the destination is a name, not a template
            String target = dst.replace("$", "$$");
            List<String> sources = src.isEmpty() ? List.of() : List.of(src); // an absent label reads as ""
            this.configs = List.of(new RelabelConfig(sources, RelabelConfig.DEFAULT_SEPARATOR, target, re, 0,
                    replacement, Action.REPLACE));
        }

        @Override
        Labels rewrite(Labels in) {
            return Relabeler.process(in, configs);
        }
    }
}
