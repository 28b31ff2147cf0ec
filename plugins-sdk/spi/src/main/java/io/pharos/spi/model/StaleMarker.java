package io.pharos.spi.model;

/**
 * The staleness marker: a special NaN that Prometheus writes when a series disappears from a scrape
 * or a target goes away. It must be compared by bits: every NaN is unequal to itself.
 */
public final class StaleMarker {
    /** The bit pattern Prometheus uses for stale NaN. */
    public static final long BITS = 0x7ff0000000000002L;
    /** The marker as a double; store it with {@link Double#doubleToRawLongBits} semantics. */
    public static final double VALUE = Double.longBitsToDouble(BITS);

    private StaleMarker() {
    }

    public static boolean isStale(double v) {
        return Double.doubleToRawLongBits(v) == BITS;
    }
}
