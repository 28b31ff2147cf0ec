package io.pharos.spi.promql;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A PromQL function such as {@code rate} or {@code label_replace}, registered as an OSGi service.
 *
 * <p><b>Signature.</b> {@link #argTypes()} and {@link #variadic()} follow Prometheus' function
 * table: the parser checks calls against them and reports wrong argument counts or types with
 * Prometheus' wording before anything is evaluated.
 *
 * <p><b>Evaluation.</b> {@link #evaluate} is called once per evaluation step with the arguments
 * already evaluated at that step. It writes its result to the output and must not keep references
 * to the argument views after returning (their storage is reused for the next step). It must not
 * allocate per sample where it can avoid it: range queries call it thousands of times.
 *
 * <p><b>Threading.</b> One instance serves all queries, concurrently: keep no per-call state in
 * fields.
 *
 * <p><b>Errors.</b> Throw {@link PromQLFunctionException} for a runtime error of the query (it
 * becomes {@code errorType: execution}); report non-fatal problems with
 * {@link FunctionCall#warn(String)} or {@link FunctionCall#info(String)}.
 */
@ConsumerType
public interface PromQLFunction {
    /** The name used in queries. Names are unique; the highest-ranked service wins a clash. */
    String name();

    /** Declared argument types, in order. */
    List<ValueType> argTypes();

    /**
     * As Prometheus' function table: 0 means exactly {@link #argTypes()}; n &gt; 0 means between
     * {@code argTypes().size() - 1} and {@code argTypes().size() - 1 + n} arguments (the last
     * declared type repeats, e.g. {@code round(v, to_nearest)} takes one or two); -1 means at
     * least {@code argTypes().size() - 1}, without limit (as in {@code label_join}).
     */
    default int variadic() {
        return 0;
    }

    /** The type of the result: {@link ValueType#VECTOR} or {@link ValueType#SCALAR}. */
    ValueType returnType();

    /** Experimental functions are only callable when experimental functions are enabled. */
    default boolean experimental() {
        return false;
    }

    /**
     * Whether output series keep the {@code __name__} of their input. Most functions drop it (e.g.
     * {@code rate}); a few keep it ({@code last_over_time}, {@code sort}, {@code label_replace}).
     */
    default boolean keepsMetricName() {
        return false;
    }

    /** Evaluates one step. */
    void evaluate(FunctionCall call, FunctionOutput out);
}
