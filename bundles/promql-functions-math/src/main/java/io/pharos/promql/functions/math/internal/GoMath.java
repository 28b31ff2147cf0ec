package io.pharos.promql.functions.math.internal;

/**
 * The elementary functions as Go's {@code math} package computes them on amd64, so that results
 * match Prometheus bit for bit rather than within an ulp: Java's {@code StrictMath} is fdlibm, while
 * Go uses Cephes for the trigonometric functions, Hart &amp; Cheney for {@code sinh}, and a
 * simplified fdlibm logarithm. Written from the published algorithms (Cephes, fdlibm); constants are
 * the published ones. Where Go itself relies on hardware or assembly ({@code sqrt}, {@code exp}),
 * Java's own functions are used. Arguments beyond 2^29 for sin/cos/tan need Payne-Hanek reduction;
 * there {@code StrictMath} is used (correct to an ulp, not necessarily Go's last bit).
 */
final class GoMath {
    static final double PI_2 = Math.PI / 2; // exact halving: the double nearest pi/2
    static final double PI_4 = Math.PI / 4;
    private static final double FOUR_OVER_PI = 1.27323954473516268615107010698011489627567716592365;
    private static final double INV_LN2 = 1.44269504088896340735992468100189213742664595415299;
    private static final double INV_LN10 = 0.43429448190325182765112891891660508229439700580366;
    private static final double LN2 = Double.longBitsToDouble(0x3FE62E42FEFA39EFL);
    private static final double SQRT2_2 = Math.sqrt(2) / 2;
    private static final double REDUCE_THRESHOLD = 1 << 29;

    // Cephes sin.c: pi/4 in three parts, and the sine and cosine polynomials.
    private static final double PI4A = 7.85398125648498535156e-1;
    private static final double PI4B = 3.77489470793079817668e-8;
    private static final double PI4C = 2.69515142907905952645e-15;
    private static final double[] SIN = {
        1.58962301576546568060e-10, -2.50507477628578072866e-8, 2.75573136213857245213e-6,
        -1.98412698295895385996e-4, 8.33333333332211858878e-3, -1.66666666666666307295e-1,
    };
    private static final double[] COS = {
        -1.13585365213876817300e-11, 2.08757008419747316778e-9, -2.75573141792967388112e-7,
        2.48015872888517045348e-5, -1.38888888888730564116e-3, 4.16666666666665929218e-2,
    };
    // Cephes tan.c.
    private static final double[] TAN_P = {-1.30936939181383777646e4, 1.15351664838587416140e6,
        -1.79565251976484877988e7};
    private static final double[] TAN_Q = {1.0, 1.36812963470692954678e4, -1.32089234440210967447e6,
        2.50083801823357915839e7, -5.38695755929454629881e7};
    // Cephes atan.c.
    private static final double AP0 = -8.750608600031904122785e-01;
    private static final double AP1 = -1.615753718733365076637e+01;
    private static final double AP2 = -7.500855792314704667340e+01;
    private static final double AP3 = -1.228866684490136173410e+02;
    private static final double AP4 = -6.485021904942025371773e+01;
    private static final double AQ0 = +2.485846490142306297962e+01;
    private static final double AQ1 = +1.650270098316988542046e+02;
    private static final double AQ2 = +4.328810604912902668951e+02;
    private static final double AQ3 = +4.853903996359136964868e+02;
    private static final double AQ4 = +1.945506571482613964425e+02;
    private static final double MOREBITS = 6.123233995736765886130e-17; // pi/2 = PI_2 + MOREBITS
    private static final double TAN3PIO8 = 2.41421356237309504880;
    // Hart & Cheney #2029, Go's sinh for |x| <= 0.5.
    private static final double SP0 = -0.6307673640497716991184787251e+6;
    private static final double SP1 = -0.8991272022039509355398013511e+5;
    private static final double SP2 = -0.2894211355989563807284660366e+4;
    private static final double SP3 = -0.2630563213397497062819489000e+2;
    private static final double SQ0 = -0.6307673640497716991212077277e+6;
    private static final double SQ1 = 0.1521517378790019070696485176e+5;
    private static final double SQ2 = -0.173678953558233699533450911e+3;
    // Cephes tanh.c.
    private static final double[] TANH_P = {-9.64399179425052238628e-1, -9.92877231001918586564e1,
        -1.61468768441708447952e3};
    private static final double[] TANH_Q = {1.12811678491632931402e2, 2.23548839060100448583e3,
        4.84406305325125486048e3};
    private static final double MAXLOG = 8.8029691931113054295988e+01; // log(2**127)
    // fdlibm e_log.c, given by their bits.
    private static final double LN2_HI = Double.longBitsToDouble(0x3FE62E42FEE00000L);
    private static final double LN2_LO = Double.longBitsToDouble(0x3DEA39EF35793C76L);
    private static final double L1 = Double.longBitsToDouble(0x3FE5555555555593L);
    private static final double L2 = Double.longBitsToDouble(0x3FD999999997FA04L);
    private static final double L3 = Double.longBitsToDouble(0x3FD2492494229359L);
    private static final double L4 = Double.longBitsToDouble(0x3FCC71C51D8E78AFL);
    private static final double L5 = Double.longBitsToDouble(0x3FC7466496CB03DEL);
    private static final double L6 = Double.longBitsToDouble(0x3FC39A09D078C69FL);
    private static final double L7 = Double.longBitsToDouble(0x3FC2F112DF3E5244L);
    private static final double TWO_POW_28 = 1 << 28;
    private static final double TWO_POW_M28 = 1.0 / (1 << 28);

    private GoMath() {
    }

    static double exp(double x) {
        return Math.exp(x); // Go uses assembly on amd64; HotSpot's intrinsic agrees with it more often than fdlibm
    }

    static double log(double x) {
        if (Double.isNaN(x) || x == Double.POSITIVE_INFINITY) {
            return x;
        } else if (x < 0) {
            return Double.NaN;
        } else if (x == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        long bits = Double.doubleToRawLongBits(x);
        int e = 0;
        if ((bits & 0x7FF0000000000000L) == 0) { // subnormal: scale into the normal range first
            bits = Double.doubleToRawLongBits(x * 0x1p52);
            e = -52;
        }
        e += (int) ((bits >>> 52) & 0x7FF) - 1022;
        double f1 = Double.longBitsToDouble((bits & ~0x7FF0000000000000L) | (1022L << 52)); // in [0.5, 1)
        if (f1 < SQRT2_2) {
            f1 *= 2;
            e--;
        }
        double f = f1 - 1;
        double k = e;
        double s = f / (2 + f);
        double s2 = s * s;
        double s4 = s2 * s2;
        double t1 = s2 * (L1 + s4 * (L3 + s4 * (L5 + s4 * L7)));
        double t2 = s4 * (L2 + s4 * (L4 + s4 * L6));
        double r = t1 + t2;
        double hfsq = 0.5 * f * f;
        return k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f);
    }

    static double log2(double x) {
        if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
            return log(x) * INV_LN2; // Go's frexp leaves these unchanged, with exponent 0
        }
        long bits = Double.doubleToRawLongBits(x);
        int e = 0;
        if ((bits & 0x7FF0000000000000L) == 0) {
            bits = Double.doubleToRawLongBits(x * 0x1p52);
            e = -52;
        }
        e += (int) ((bits >>> 52) & 0x7FF) - 1022;
        double frac = Double.longBitsToDouble((bits & ~0x7FF0000000000000L) | (1022L << 52));
        if (frac == 0.5) {
            return e - 1; // exact powers of two give exact results
        }
        return log(frac) * INV_LN2 + e;
    }

    static double log10(double x) {
        return log(x) * INV_LN10;
    }

    static double sin(double x) {
        if (x == 0 || Double.isNaN(x)) {
            return x;
        } else if (Double.isInfinite(x)) {
            return Double.NaN;
        } else if (Math.abs(x) >= REDUCE_THRESHOLD) {
            return StrictMath.sin(x);
        }
        boolean sign = x < 0;
        x = Math.abs(x);
        long j = octant(x);
        double z = reduce(x, j);
        j &= 7;
        if (j > 3) {
            sign = !sign;
            j -= 4;
        }
        double r = (j == 1 || j == 2) ? cosPoly(z) : sinPoly(z);
        return sign ? -r : r;
    }

    static double cos(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.NaN;
        } else if (Math.abs(x) >= REDUCE_THRESHOLD) {
            return StrictMath.cos(x);
        }
        x = Math.abs(x);
        boolean sign = false;
        long j = octant(x);
        double z = reduce(x, j);
        j &= 7;
        if (j > 3) {
            j -= 4;
            sign = !sign;
        }
        if (j > 1) {
            sign = !sign;
        }
        double r = (j == 1 || j == 2) ? sinPoly(z) : cosPoly(z);
        return sign ? -r : r;
    }

    static double tan(double x) {
        if (x == 0 || Double.isNaN(x)) {
            return x;
        } else if (Double.isInfinite(x)) {
            return Double.NaN;
        } else if (Math.abs(x) >= REDUCE_THRESHOLD) {
            return StrictMath.tan(x);
        }
        boolean sign = x < 0;
        x = Math.abs(x);
        long j = octant(x);
        double z = reduce(x, j);
        double zz = z * z;
        double r;
        if (zz > 1e-14) {
            r = z + z * (zz * ((TAN_P[0] * zz + TAN_P[1]) * zz + TAN_P[2])
                    / ((((zz + TAN_Q[1]) * zz + TAN_Q[2]) * zz + TAN_Q[3]) * zz + TAN_Q[4]));
        } else {
            r = z;
        }
        if ((j & 2) == 2) {
            r = -1 / r;
        }
        return sign ? -r : r;
    }

    static double atan(double x) {
        if (x == 0) {
            return x;
        }
        return x > 0 ? satan(x) : -satan(-x);
    }

    static double asin(double x) {
        if (x == 0) {
            return x;
        }
        boolean sign = x < 0;
        x = Math.abs(x);
        if (x > 1) {
            return Double.NaN;
        }
        double temp = Math.sqrt(1 - x * x);
        temp = x > 0.7 ? PI_2 - satan(temp / x) : satan(x / temp);
        return sign ? -temp : temp;
    }

    static double acos(double x) {
        return PI_2 - asin(x);
    }

    static double sinh(double x) {
        boolean sign = x < 0;
        x = Math.abs(x);
        double temp;
        if (x > 21) {
            temp = exp(x) * 0.5;
        } else if (x > 0.5) {
            double ex = exp(x);
            temp = (ex - 1 / ex) * 0.5;
        } else {
            double sq = x * x;
            temp = (((SP3 * sq + SP2) * sq + SP1) * sq + SP0) * x;
            temp = temp / (((sq + SQ2) * sq + SQ1) * sq + SQ0);
        }
        return sign ? -temp : temp;
    }

    static double cosh(double x) {
        x = Math.abs(x);
        if (x > 21) {
            return exp(x) * 0.5;
        }
        double ex = exp(x);
        return (ex + 1 / ex) * 0.5;
    }

    static double tanh(double x) {
        double z = Math.abs(x);
        if (z > 0.5 * MAXLOG) {
            return x < 0 ? -1 : 1;
        } else if (z >= 0.625) {
            double s = exp(2 * z);
            z = 1 - 2 / (s + 1);
            return x < 0 ? -z : z;
        } else if (x == 0) {
            return x;
        }
        double s = x * x;
        return x + x * s * ((TANH_P[0] * s + TANH_P[1]) * s + TANH_P[2])
                / (((s + TANH_Q[0]) * s + TANH_Q[1]) * s + TANH_Q[2]);
    }

    static double asinh(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        boolean sign = x < 0;
        x = Math.abs(x);
        double temp;
        if (x > TWO_POW_28) {
            temp = log(x) + LN2;
        } else if (x > 2) {
            temp = log(2 * x + 1 / (Math.sqrt(x * x + 1) + x));
        } else if (x < TWO_POW_M28) {
            temp = x;
        } else {
            temp = StrictMath.log1p(x + x * x / (1 + Math.sqrt(1 + x * x)));
        }
        return sign ? -temp : temp;
    }

    static double acosh(double x) {
        if (x < 1 || Double.isNaN(x)) {
            return Double.NaN;
        } else if (x == 1) {
            return 0;
        } else if (x >= TWO_POW_28) {
            return log(x) + LN2;
        } else if (x > 2) {
            return log(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
        }
        double t = x - 1;
        return StrictMath.log1p(t + Math.sqrt(2 * t + t * t));
    }

    static double atanh(double x) {
        if (x < -1 || x > 1 || Double.isNaN(x)) {
            return Double.NaN;
        } else if (x == 1) {
            return Double.POSITIVE_INFINITY;
        } else if (x == -1) {
            return Double.NEGATIVE_INFINITY;
        }
        boolean sign = x < 0;
        x = Math.abs(x);
        double temp;
        if (x < TWO_POW_M28) {
            temp = x;
        } else if (x < 0.5) {
            temp = x + x;
            temp = 0.5 * StrictMath.log1p(temp + temp * x / (1 - x));
        } else {
            temp = 0.5 * StrictMath.log1p((x + x) / (1 - x));
        }
        return sign ? -temp : temp;
    }

    /** Go's {@code math.Max}: +Inf wins over NaN, and +0 over -0. */
    static double max(double x, double y) {
        if (x == Double.POSITIVE_INFINITY || y == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        } else if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.NaN;
        } else if (x == 0 && x == y) {
            return Double.doubleToRawLongBits(x) < 0 ? y : x;
        }
        return x > y ? x : y;
    }

    /** Go's {@code math.Min}: -Inf wins over NaN, and -0 over +0. */
    static double min(double x, double y) {
        if (x == Double.NEGATIVE_INFINITY || y == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        } else if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.NaN;
        } else if (x == 0 && x == y) {
            return Double.doubleToRawLongBits(x) < 0 ? x : y;
        }
        return x < y ? x : y;
    }

    /**
     * Cephes' reduction of sin, cos and tan for 0 &lt;= x &lt; 2^29: the index j of the octant of x,
     * made even so that x - j * pi/4 lies in [-pi/4, pi/4].
     */
    private static long octant(double x) {
        long j = (long) (x * FOUR_OVER_PI);
        return (j & 1) == 1 ? j + 1 : j;
    }

    /** {@code x - j * pi/4}, with pi/4 in three parts for extended precision. */
    private static double reduce(double x, long j) {
        double y = j;
        return ((x - y * PI4A) - y * PI4B) - y * PI4C;
    }

    private static double sinPoly(double z) {
        double zz = z * z;
        return z + z * zz * ((((((SIN[0] * zz) + SIN[1]) * zz + SIN[2]) * zz + SIN[3]) * zz + SIN[4]) * zz + SIN[5]);
    }

    private static double cosPoly(double z) {
        double zz = z * z;
        return 1.0 - 0.5 * zz
                + zz * zz * ((((((COS[0] * zz) + COS[1]) * zz + COS[2]) * zz + COS[3]) * zz + COS[4]) * zz + COS[5]);
    }

    private static double xatan(double x) {
        double z = x * x;
        z = z * ((((AP0 * z + AP1) * z + AP2) * z + AP3) * z + AP4)
                / (((((z + AQ0) * z + AQ1) * z + AQ2) * z + AQ3) * z + AQ4);
        return x * z + x;
    }

    /** atan of a non-negative argument, reduced to [0, 0.66]. */
    private static double satan(double x) {
        if (x <= 0.66) {
            return xatan(x);
        } else if (x > TAN3PIO8) {
            return PI_2 - xatan(1 / x) + MOREBITS;
        }
        return PI_4 + xatan((x - 1) / (x + 1)) + 0.5 * MOREBITS;
    }
}
