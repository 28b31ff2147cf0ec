package io.pharos.template.internal;

import java.util.List;

/** Prometheus' humanize, humanize1024 and humanizeDuration: {@code %.4g} with SI or IEC prefixes. */
final class Humanize {
    private static final String[] BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
    private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};
    private static final String[] IEC = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

    private Humanize() {
    }

    private static String g4(double v, String suffix) {
        return GoFmt.sprintf("%.4g", List.of(v)) + suffix;
    }

    static String humanize(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v, "");
        }
        if (Math.abs(v) >= 1) {
            String prefix = "";
            for (String p : BIG) {
                if (Math.abs(v) < 1000) {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
            return g4(v, prefix);
        }
        return small(v, "");
    }

    /** Scales a magnitude below 1 up by thousands, as humanize and humanizeDuration do. */
    private static String small(double v, String unit) {
        String prefix = "";
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v, prefix + unit);
    }

    static String humanize1024(double v) {
        if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v, "");
        }
        String prefix = "";
        for (String p : IEC) {
            if (Math.abs(v) < 1024) {
                break;
            }
            prefix = p;
            v /= 1024;
        }
        return g4(v, prefix);
    }

    static String duration(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v, "");
        }
        if (v == 0) {
            return g4(v, "s");
        }
        if (Math.abs(v) >= 1) {
            String sign = v < 0 ? "-" : "";
            v = Math.abs(v);
            long d = (long) v;
            long seconds = d % 60;
            long minutes = (d / 60) % 60;
            long hours = (d / 60 / 60) % 24;
            long days = d / 60 / 60 / 24;
            if (days != 0) {
                return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
            } else if (hours != 0) {
                return sign + hours + "h " + minutes + "m " + seconds + "s";
            } else if (minutes != 0) {
                return sign + minutes + "m " + seconds + "s";
            }
            return sign + g4(v, "s");
        }
        return small(v, "s");
    }
}
