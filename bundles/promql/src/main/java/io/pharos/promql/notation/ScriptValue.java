package io.pharos.promql.notation;

import io.pharos.spi.model.StaleMarker;
import java.util.Objects;

/**
 * One value of a series line after the series notation ({@code 1+2x3}, {@code _x2}, ...) has been
 * expanded. Native histograms are kept as their raw text only: the storage SPI cannot hold them
 * yet, and the runner only needs to know that a case depends on them.
 *
 * @param kind what the value is
 * @param value the number for {@link Kind#FLOAT}, the stale marker for {@link Kind#STALE}, NaN
 *              otherwise
 * @param histogram the raw {@code {{...}}} text for {@link Kind#HISTOGRAM}, otherwise null
 */
public record ScriptValue(Kind kind, double value, String histogram) {
    /** The kinds of values a series line can hold. */
    public enum Kind {
        FLOAT,
        /** {@code _}: no sample at this position. */
        MISSING,
        /** {@code stale}: a staleness marker. */
        STALE,
        /** {@code {{...}}}: a native histogram (placeholder). */
        HISTOGRAM
    }

    public static final ScriptValue MISSING = new ScriptValue(Kind.MISSING, Double.NaN, null);
    public static final ScriptValue STALE = new ScriptValue(Kind.STALE, StaleMarker.VALUE, null);

    public ScriptValue {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.HISTOGRAM) != (histogram != null)) {
            throw new IllegalArgumentException("histogram text goes with kind HISTOGRAM only");
        }
    }

    public static ScriptValue of(double v) {
        return new ScriptValue(Kind.FLOAT, v, null);
    }

    public static ScriptValue ofHistogram(String raw) {
        return new ScriptValue(Kind.HISTOGRAM, Double.NaN, raw);
    }

    @Override
    public String toString() {
        switch (kind) {
            case MISSING:
                return "_";
            case STALE:
                return "stale";
            case HISTOGRAM:
                return histogram;
            default:
                return number(value);
        }
    }

    /** A number as the scripts write it: integers without a fraction, {@code +Inf}, {@code NaN}. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
