package io.pharos.promql.internal;

import io.pharos.spi.promql.FunctionCall;
import io.pharos.spi.promql.FunctionOutput;
import io.pharos.spi.promql.PromQLFunction;
import io.pharos.spi.promql.ValueType;
import java.util.List;

/**
 * The functions the engine implements itself because they need what the function SPI does not
 * offer: the query's start, end and step ({@code start()}, {@code end()}, {@code step()},
 * {@code range()}) and storage access ({@code info()}). They are registered like any function
 * service, so the parser checks calls to them the same way.
 */
final class EngineFunctions {
    private EngineFunctions() {
    }

    /** A function the evaluator evaluates itself, over the whole frame. */
    interface Intrinsic {
        EvalValue evaluate(Evaluator ev, Call call, Frame f);
    }

    private abstract static class Base implements PromQLFunction, Intrinsic {
        private final String name;
        private final List<ValueType> argTypes;
        private final int variadic;
        private final ValueType returnType;

        Base(String name, ValueType returnType, int variadic, ValueType... argTypes) {
            this.name = name;
            this.argTypes = List.of(argTypes);
            this.variadic = variadic;
            this.returnType = returnType;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<ValueType> argTypes() {
            return argTypes;
        }

        @Override
        public int variadic() {
            return variadic;
        }

        @Override
        public ValueType returnType() {
            return returnType;
        }

        @Override
        public boolean experimental() {
            return true;
        }

        @Override
        public boolean keepsMetricName() {
            return true;
        }

        @Override
        public void evaluate(FunctionCall call, FunctionOutput out) {
            throw new UnsupportedOperationException(name + " is evaluated by the engine");
        }
    }

    /** A scalar that depends on the query parameters only. */
    private static final class QueryScalar extends Base {
        private final java.util.function.ToDoubleFunction<Evaluator> value;

        QueryScalar(String name, java.util.function.ToDoubleFunction<Evaluator> value) {
            super(name, ValueType.SCALAR, 0);
            this.value = value;
        }

        @Override
        public EvalValue evaluate(Evaluator ev, Call call, Frame f) {
            return Evaluator.constant(value.applyAsDouble(ev), f);
        }
    }

    static final PromQLFunction STEP = new QueryScalar("step", ev -> ev.queryStep / 1000.0);
    static final PromQLFunction RANGE = new QueryScalar("range", ev -> (ev.queryEnd - ev.queryStart) / 1000.0);
    static final PromQLFunction START = new QueryScalar("start", ev -> ev.queryStart / 1000.0);
    static final PromQLFunction END = new QueryScalar("end", ev -> ev.queryEnd / 1000.0);

    /** {@code info(v [, selector])}: adds the data labels of info series (target_info by default). */
    static final PromQLFunction INFO = new Base("info", ValueType.VECTOR, 1, ValueType.VECTOR, ValueType.VECTOR) {
        @Override
        public EvalValue evaluate(Evaluator ev, Call call, Frame f) {
            return InfoEval.eval(ev, call, f);
        }
    };

    /** Every function of the engine's own. */
    static final List<PromQLFunction> ALL = List.of(STEP, RANGE, START, END, INFO);
}
