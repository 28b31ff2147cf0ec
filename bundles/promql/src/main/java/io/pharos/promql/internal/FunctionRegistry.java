package io.pharos.promql.internal;

/**
 * Where the parser looks up function signatures. The parser depends on nothing else about
 * functions, so the engine can back this by the registered
 * {@link io.pharos.spi.promql.PromQLFunction} services; {@link #builtin()} is Prometheus' own table.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
interface FunctionRegistry {
    /** The signature of the function called {@code name} (case-sensitive), or null if there is none. */
    FunctionSignature lookup(String name);

    /** The functions of Prometheus 3.x, experimental ones included (and marked). */
    static FunctionRegistry builtin() {
        return BuiltinFunctions.INSTANCE;
    }
}
