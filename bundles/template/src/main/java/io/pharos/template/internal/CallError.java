package io.pharos.template.internal;

import java.util.List;

/**
 * An error a function reports in Go's own words, not wrapped in {@code error calling <name>:}
 * (wrong argument counts, which Go checks before the call).
 */
final class CallError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallError(String message) {
        super(message, null, false, false);
    }

    static void arity(String name, List<Object> args, int want) {
        if (args.size() != want) {
            throw new CallError("wrong number of args for " + name + ": want " + want + " got " + args.size());
        }
    }

    static void atLeast(String name, List<Object> args, int want) {
        if (args.size() < want) {
            throw new CallError("wrong number of args for " + name + ": want at least " + want + " got " + args.size());
        }
    }
}
