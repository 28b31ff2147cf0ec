package io.pharos.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GoFloatTest {

    /** Expected strings are what Go's strconv.FormatFloat(v, 'g', -1, 64) prints. */
    @Test
    void goFormatting() {
        Object[][] cases = {
            {0.0, "0"},
            {-0.0, "-0"},
            {1.0, "1"},
            {-1.0, "-1"},
            {0.1, "0.1"},
            {0.5, "0.5"},
            {12.5, "12.5"},
            {100000.0, "100000"},
            {123456.0, "123456"},
            {999999.0, "999999"},
            {1e6, "1e+06"},
            {1234567.0, "1.234567e+06"},
            {9999999.0, "9.999999e+06"},
            {1e21, "1e+21"},
            {1e22, "1e+22"},
            {1e23, "1e+23"},
            {1.5e-7, "1.5e-07"},
            {1e-7, "1e-07"},
            {0.0001, "0.0001"},
            {0.000123, "0.000123"},
            {0.00001, "1e-05"},
            {3.14159, "3.14159"},
            {-2.5, "-2.5"},
            {123456789.123, "1.23456789123e+08"},
            {0.1 + 0.2, "0.30000000000000004"},
            {1.7976931348623157e308, "1.7976931348623157e+308"},
            {-Double.MAX_VALUE, "-1.7976931348623157e+308"},
            {Double.MIN_NORMAL, "2.2250738585072014e-308"},
            {Double.MIN_VALUE, "5e-324"},
            {3 * Double.MIN_VALUE, "1.5e-323"},
            {0x1.0p63, "9.223372036854776e+18"},
            {0x1.0p53, "9.007199254740992e+15"},
            {0x1.0p53 - 1, "9.007199254740991e+15"},
            {4.4046288803e+10, "4.4046288803e+10"},
            {7.6238e-05, "7.6238e-05"},
            {Double.NaN, "NaN"},
            {Double.POSITIVE_INFINITY, "+Inf"},
            {Double.NEGATIVE_INFINITY, "-Inf"},
            // Where JDK 17's Double.toString is longer than the shortest round trip.
            {-0x1.459eef50bea63p56, "-9.165411812000722e+16"},
            {0x1.7a3a69a8dca03p60, "1.7033882668101804e+18"},
            {-0x1.00c6f2321d1e1p59, "-5.78210700504658e+17"},
            {2.82879384806159E17, "2.82879384806159e+17"},
            // Random doubles; expectations from an independent shortest-repr implementation.
            {0x1.74de452e6b438p+811, "1.989032661366619e+244"},
            {0x1.c7fd0a6a3a450p-826, "3.980498358697587e-249"},
            {0x1.f0824128b2f33p+292, "1.5432835417340557e+88"},
            {0x1.8e811892f902bp-638, "1.3647584518757569e-192"},
            {0x1.675cc81e74ef5p-144, "6.294675241195386e-44"},
            {0x1.c172411e20b8fp-38, "6.387016158513563e-12"},
            {0x1.bd24008ad1d9ep-12, "0.000424519189142514"},
            {0x1.3de94f40d2babp-17, "9.474497007074876e-06"},
            {0x1.19c9de5b1315ap+19, "577102.9486174986"},
            {0x1.fbcb68e19b45cp-2, "0.4958931338977146"},
            {0x1.e8746e5ec075cp-12, "0.00046582680617756277"},
            {0x1.7b98c044abf73p-9, "0.0028960928633167625"},
            {0x1.0e57cb18dcad0p+9, "540.6858855321425"},
            {0x1.caf67786c5767p-5, "0.056025727701281273"},
            {0x1.3863c36b4aa22p-15, "3.7239754272573125e-05"},
            {0x1.2efcc3cdf64fep+22, "4.964144951134918e+06"},
        };
        for (Object[] c : cases) {
            double v = (Double) c[0];
            assertEquals(c[1], GoFloat.format(v), () -> Double.toHexString(v));
            assertEquals("x=" + c[1], GoFloat.append(new StringBuilder("x="), v).toString());
        }
    }

    /** Every output reads back as the same double, and no shorter decimal would. */
    @Test
    void shortestRoundTrip() {
        Random r = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            double v = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(30) - 10);
                case 2 -> Double.longBitsToDouble(r.nextLong() & 0x000f_ffff_ffff_ffffL); // subnormal
                default -> Math.scalb(1.0, r.nextInt(2098) - 1074);
            };
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                continue;
            }
            String s = GoFloat.format(v);
            assertEquals(v, Double.parseDouble(s), s);
            BigDecimal d = new BigDecimal(s);
            int digits = d.stripTrailingZeros().precision();
            if (digits > 1) {
                BigDecimal exact = new BigDecimal(v);
                MathContext shorter = new MathContext(digits - 1, RoundingMode.FLOOR);
                BigDecimal down = exact.round(shorter);
                BigDecimal up = exact.round(new MathContext(digits - 1, RoundingMode.CEILING));
                assertTrue(down.doubleValue() != v && up.doubleValue() != v,
                        () -> s + " is not the shortest for " + Double.toHexString(v));
            }
        }
    }
}
