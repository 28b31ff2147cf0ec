package io.pharos.spi.promql.util;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Two samples at 60s and 120s; the cases of Prometheus' start_timestamps.test. */
class StartTimestampsTest {
    private static final long PREV_T = 60_000;
    private static final long T = 120_000;

    @Test
    void unknownInvalidOrUnknownStartIsNoReset() {
        assertFalse(StartTimestamps.isReset(30_000, PREV_T, 0, T), "unknown");
        assertFalse(StartTimestamps.isReset(30_000, PREV_T, T + 1, T), "after the sample: invalid");
        assertFalse(StartTimestamps.isReset(30_000, PREV_T, T, T), "at the sample: OTel's unknown start");
    }

    @Test
    void aStartAfterThePreviousSampleIsAReset() {
        assertTrue(StartTimestamps.isReset(0, PREV_T, PREV_T + 1, T), "GCP-style delta");
        assertTrue(StartTimestamps.isReset(0, PREV_T, T - 1, T));
        assertFalse(StartTimestamps.isReset(30_000, PREV_T, 30_000, T), "cumulative: the same start");
        assertFalse(StartTimestamps.isReset(30_000, PREV_T, PREV_T - 1, T));
    }

    @Test
    void aStartAtThePreviousSampleIsADeltaOnlyIfThatHasAValidStart() {
        assertTrue(StartTimestamps.isReset(1_000, PREV_T, PREV_T, T), "OTel delta");
        assertFalse(StartTimestamps.isReset(0, PREV_T, PREV_T, T), "cumulative of unknown start");
        assertFalse(StartTimestamps.isReset(PREV_T, PREV_T, PREV_T, T), "previous start unknown (ST = T)");
        assertFalse(StartTimestamps.isReset(PREV_T + 60_000, PREV_T, PREV_T, T), "previous start invalid");
    }

    @Test
    void overlaps() {
        assertTrue(StartTimestamps.overlaps(0, PREV_T, PREV_T - 1));
        assertTrue(StartTimestamps.overlaps(10_000, PREV_T, 20_000));
        assertFalse(StartTimestamps.overlaps(10_000, PREV_T, 10_000), "cumulative");
        assertFalse(StartTimestamps.overlaps(0, PREV_T, PREV_T), "delta");
        assertFalse(StartTimestamps.overlaps(10_000, PREV_T, 0), "unknown");
    }
}
