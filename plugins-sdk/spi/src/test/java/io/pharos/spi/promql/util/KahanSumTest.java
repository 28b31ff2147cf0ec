package io.pharos.spi.promql.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KahanSumTest {
    private static double sum(double... values) {
        double sum = 0;
        double c = 0;
        for (double v : values) {
            c = KahanSum.compensate(v, sum, c);
            sum += v;
        }
        return sum + c;
    }

    @Test
    void keepsWhatPlainSummationLoses() {
        assertEquals(0.0, 1 + 1e100 + 1 - 1e100); // plain summation
        assertEquals(2.0, sum(1, 1e100, 1, -1e100));
        assertEquals(2.0, sum(1e100, 1, -1e100, 1));
    }

    @Test
    void compensationIsZeroOnceTheSumOverflows() {
        assertEquals(0.0, KahanSum.compensate(Double.MAX_VALUE, Double.MAX_VALUE, 5));
        assertEquals(0.0, KahanSum.compensate(1, Double.POSITIVE_INFINITY, 5));
    }
}
