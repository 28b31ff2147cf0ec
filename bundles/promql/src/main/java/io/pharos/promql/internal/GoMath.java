package io.pharos.promql.internal;

/** Go's math functions where Java's differ in special cases. */
final class GoMath {
    private GoMath() {
    }

    /** Go's math.Pow: unlike Java, 1^y is 1 for any y (also NaN) and (-1)^±Inf is 1. */
    static double pow(double x, double y) {
        if (y == 0 || x == 1) {
            return 1;
        }
        if (x == -1 && Double.isInfinite(y)) {
            return 1;
        }
        return Math.pow(x, y);
    }

    /** Go's math.Mod (C's fmod), which Java's remainder operator is. */
    static double mod(double x, double y) {
        return x % y;
    }
}
