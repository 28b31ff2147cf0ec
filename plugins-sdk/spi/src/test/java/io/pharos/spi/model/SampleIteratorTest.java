package io.pharos.spi.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SampleIteratorTest {
    private static final long[] TS = {10, 20, 30, 40};
    private static final double[] VS = {1, 2, 3, 4};

    @Test
    void overArraysReportsTheStartTimestampOfTheCurrentSample() {
        SampleIterator it = SampleIterator.over(TS, VS, new long[] {5, 5, 25, 0}, 1, 4);
        assertEquals(SampleType.FLOAT, it.next());
        assertEquals(20, it.timestamp());
        assertEquals(5, it.startTimestamp());
        assertEquals(SampleType.FLOAT, it.seek(35));
        assertEquals(40, it.timestamp());
        assertEquals(0, it.startTimestamp(), "0: unknown");
        assertEquals(SampleType.NONE, it.next());
    }

    @Test
    void withoutStartTimestampsTheyAreUnknown() {
        SampleIterator it = SampleIterator.over(TS, VS, 0, 4);
        assertEquals(SampleType.FLOAT, it.seek(30));
        assertEquals(3, it.value());
        assertEquals(0, it.startTimestamp());
        SampleIterator none = SampleIterator.over(TS, VS, null, 0, 4);
        none.next();
        assertEquals(0, none.startTimestamp());
    }

    @Test
    void aBackendWithoutStartTimestampsKeepsTheDefault() {
        assertEquals(0, SampleIterator.EMPTY.startTimestamp(), "EMPTY does not override it");
    }
}
