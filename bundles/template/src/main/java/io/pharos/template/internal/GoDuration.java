package io.pharos.template.internal;

/** A Go {@code time.Duration} (nanoseconds), printed as its {@code String()}: {@code 1h2m3.5s}, {@code 1.5ms}. */
record GoDuration(long nanos) implements GoStringer {
    private static final long MICRO = 1_000L;
    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /** The duration in seconds, for the {@code .Seconds} method templates may call. */
    public double Seconds() {
        return nanos / 1e9;
    }

    @Override
    public String toString() {
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (nanos < 0) {
            sb.append('-');
        }
        // unsigned magnitude: Long.MIN_VALUE has no positive counterpart
        long u = nanos == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(nanos);
        if (u < SECOND) {
            if (u < MICRO) {
                return sb.append(u).append("ns").toString();
            } else if (u < MILLI) {
                return fraction(sb, u, MICRO).append("µs").toString();
            }
            return fraction(sb, u, MILLI).append("ms").toString();
        }
        long hours = u / (3600 * SECOND);
        long rest = u % (3600 * SECOND);
        long minutes = rest / (60 * SECOND);
        rest = rest % (60 * SECOND);
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        return fraction(sb, rest, SECOND).append('s').toString();
    }

    /** {@code v / unit} with its decimal fraction, trailing zeros dropped. */
    private static StringBuilder fraction(StringBuilder sb, long v, long unit) {
        sb.append(v / unit);
        long frac = v % unit;
        if (frac != 0) {
            int digits = String.valueOf(unit).length() - 1;
            String f = String.format("%0" + digits + "d", frac).replaceAll("0+$", "");
            sb.append('.').append(f);
        }
        return sb;
    }
}
