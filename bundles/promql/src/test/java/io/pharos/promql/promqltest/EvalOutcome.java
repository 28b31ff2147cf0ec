package io.pharos.promql.promqltest;

import java.util.Objects;

/**
 * How one eval command fared.
 *
 * @param file the script's file name
 * @param eval the command
 * @param status the verdict
 * @param reason why it did not pass (starting with {@code file:line}), or null for a pass
 */
public record EvalOutcome(String file, Command.Eval eval, Status status, String reason) {
    /** The verdicts. */
    public enum Status {
        PASS,
        /** The result differs from the expectation (or the query failed unexpectedly). */
        FAIL,
        /** Needs what the engine and the storage SPI cannot represent yet: native histograms. */
        UNSUPPORTED
    }

    public EvalOutcome {
        Objects.requireNonNull(status, "status");
        if ((status == Status.PASS) != (reason == null)) {
            throw new IllegalArgumentException("a reason goes with every status but PASS");
        }
    }

    /** The {@code file:line} of the eval. */
    public String where() {
        return file + ":" + eval.line();
    }
}
