package io.pharos.promql.functions.label.internal;

import io.pharos.spi.model.Labels;

/**
 * The ordering of {@code sort_by_label}: label values in natural order as the Go package
 * {@code facette/natsort} (which Prometheus uses) defines it, ties broken by the whole label set.
 * Strings compare as Go compares them, by UTF-8 bytes, i.e. by code point.
 */
final class NaturalOrder {
    private NaturalOrder() {
    }

    /**
     * {@code natsort.Compare}: whether {@code a} precedes {@code b}. Both are cut into runs of ASCII
     * digits and runs of anything else; runs compare as integers when both are numeric (and fit a
     * 64-bit integer), else as strings. Kept as it is, quirks included: when all runs of the shorter
     * string equal the other's, the string whose runs end first precedes, so "a01" and "a1" each
     * precede the other, and the empty string precedes nothing.
     */
    static boolean less(String a, String b) {
        int ia = 0;
        int ib = 0;
        while (ia < a.length()) {
            if (ib >= b.length()) {
                return false;
            }
            int ea = runEnd(a, ia);
            int eb = runEnd(b, ib);
            long na = number(a, ia, ea);
            long nb = number(b, ib, eb);
            boolean lastA = ea == a.length();
            boolean lastB = eb == b.length();
            if (na >= 0 && nb >= 0) {
                if (na != nb) {
                    return na < nb;
                }
            } else if (!a.regionMatches(ia, b, ib, ea - ia) || ea - ia != eb - ib) {
                return compareCodePoints(a, ia, ea, b, ib, eb) < 0;
            }
            if (lastA) {
                return true;
            } else if (lastB) {
                return false;
            }
            ia = ea;
            ib = eb;
        }
        return false;
    }

    /** {@code sort_by_label}'s comparison of two label sets on the given label names. */
    static int compare(Labels x, Labels y, String[] names) {
        for (String name : names) {
            String vx = x.getOrEmpty(name);
            String vy = y.getOrEmpty(name);
            if (vx.equals(vy)) {
                continue;
            }
            return less(vx, vy) ? -1 : 1;
        }
        return compareLabels(x, y);
    }

    /** Prometheus' {@code labels.Compare}: label by label, name then value, then by length. */
    static int compareLabels(Labels x, Labels y) {
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            int c = compareCodePoints(x.name(i), y.name(i));
            if (c != 0) {
                return c;
            }
            c = compareCodePoints(x.value(i), y.value(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    static int compareCodePoints(String a, String b) {
        return compareCodePoints(a, 0, a.length(), b, 0, b.length());
    }

    private static int compareCodePoints(String a, int ia, int ea, String b, int ib, int eb) {
        while (ia < ea && ib < eb) {
            int ca = a.codePointAt(ia);
            int cb = b.codePointAt(ib);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            ia += Character.charCount(ca);
            ib += Character.charCount(cb);
        }
        return Integer.compare(ea - ia, eb - ib);
    }

    private static int runEnd(String s, int from) {
        boolean digits = isDigit(s.charAt(from));
        int i = from + 1;
        while (i < s.length() && isDigit(s.charAt(i)) == digits) {
            i++;
        }
        return i;
    }

    /** The run as a non-negative integer, or -1 when it is not all digits or exceeds a long (Go's Atoi fails). */
    private static long number(String s, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            int d = c - '0';
            if (n > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
