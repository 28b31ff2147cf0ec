package io.pharos.spi.promql;

import java.util.List;
import java.util.Objects;

/**
 * The convenient base for plugin functions: it holds the signature, so that a function only
 * declares it in its constructor and implements {@link #evaluate}. Register the subclass as a
 * {@link PromQLFunction} service as usual, e.g. with a DS {@code @Component}:
 *
 * <pre>{@code
 * public final class RoundFunction extends AbstractPromQLFunction {
 *     public RoundFunction() {
 *         super("round", ValueType.VECTOR, List.of(ValueType.VECTOR, ValueType.SCALAR));
 *         setVariadic(1);
 *     }
 *
 *     public void evaluate(FunctionCall call, FunctionOutput out) { ... }
 * }
 * }</pre>
 *
 * <p>The optional settings ({@link #setVariadic}, {@link #setExperimental},
 * {@link #setKeepsMetricName}) are for the subclass constructor only; the accessors are final, so
 * a function's signature does not change once it is constructed and registered.
 */
public abstract class AbstractPromQLFunction implements PromQLFunction {
    private final String name;
    private final ValueType returnType;
    private final List<ValueType> argTypes;
    private int variadic;
    private boolean experimental;
    private boolean keepsMetricName;

    /**
     * A function that takes exactly {@code argTypes}, is not experimental, and drops the metric
     * name from its output.
     *
     * @param name the name used in queries
     * @param returnType {@link ValueType#VECTOR} or {@link ValueType#SCALAR}
     * @param argTypes the declared argument types, in order
     */
    protected AbstractPromQLFunction(String name, ValueType returnType, List<ValueType> argTypes) {
        this.name = Objects.requireNonNull(name, "name");
        this.returnType = Objects.requireNonNull(returnType, "returnType");
        this.argTypes = List.copyOf(argTypes);
    }

    /** Sets {@link #variadic()}, as Prometheus' function table does; see there. */
    protected final void setVariadic(int variadic) {
        this.variadic = variadic;
    }

    /** Makes the function {@linkplain #experimental() experimental}. */
    protected final void setExperimental() {
        this.experimental = true;
    }

    /** Makes output series {@linkplain #keepsMetricName() keep} the metric name of their input. */
    protected final void setKeepsMetricName() {
        this.keepsMetricName = true;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<ValueType> argTypes() {
        return argTypes;
    }

    @Override
    public final int variadic() {
        return variadic;
    }

    @Override
    public final ValueType returnType() {
        return returnType;
    }

    @Override
    public final boolean experimental() {
        return experimental;
    }

    @Override
    public final boolean keepsMetricName() {
        return keepsMetricName;
    }
}
