package io.pharos.spi.promql.util;

/**
 * What start timestamps (ST, 0 = unknown) tell about two successive samples of a counter, as
 * Prometheus reads them in {@code rate}, {@code increase}, {@code irate} and {@code resets}. A
 * cumulative counter's samples share the ST of its last reset; each sample of a delta series counts
 * from the previous sample's time (OpenTelemetry) or just after it, so every delta sample is a
 * reset.
 *
 * @since 1.1
 */
public final class StartTimestamps {
    private StartTimestamps() {
    }

    /**
     * Whether the counting behind the current sample began after the previous sample was taken, so
     * that the counter restarted in between even if its value did not drop.
     * <ul>
     * <li>An unknown ST, one after the sample itself (invalid), or one equal to it (OpenTelemetry's
     * "start unknown") tells nothing.</li>
     * <li>An ST before the previous sample: the same run of the counter. After it: a new run.</li>
     * <li>An ST exactly at the previous sample: a delta sample if the previous sample has a valid ST
     * of its own; a cumulative series of unknown start (previous ST unknown, or equal to or after
     * its sample) otherwise, which is no reset.</li>
     * </ul>
     */
    public static boolean isReset(long prevStart, long prevT, long start, long t) {
        if (start == 0 || start >= t || start < prevT) {
            return false;
        }
        if (start > prevT) {
            return true;
        }
        return prevStart != 0 && prevStart < prevT;
    }

    /**
     * Whether the current sample's counting began before the previous sample without sharing its
     * start: both cannot be right, which Prometheus reports as a warning ("sample has start time
     * that overlaps with previous sample timestamp"). Deltas (ST at the previous sample) and
     * cumulative samples (the previous sample's ST) do not overlap.
     */
    public static boolean overlaps(long prevStart, long prevT, long start) {
        return start != 0 && start < prevT && start != prevStart;
    }
}
