package io.pharos.testkit.promql;

import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.PromQLFunction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/**
 * What one {@link FunctionTester#run()} produced: the samples or the scalar the function wrote, and
 * the warnings and infos it reported. The {@code assert*} methods return this result so that they
 * can be chained; they fail with a message that lists what was expected and what came out.
 *
 * <p>Expected samples are written in the notation of Prometheus' conformance scripts, one per line:
 *
 * <pre>{@code
 * result.assertSamples("""
 *         {path="/foo"} 100
 *         {path="/bar"} 162
 *         """);
 * }</pre>
 *
 * and are compared as {@code promqltest} compares them: labels exactly, values with a relative
 * tolerance of 1e-6 ({@link #almostEqual}), NaN equal to NaN. They are compared with
 * {@link #engineSamples()}, i.e. after the engine's removal of {@code __name__}, which is how the
 * scripts state results.
 */
public final class Result {
    /** The relative tolerance of {@code promqltest}'s float comparison. */
    public static final double EPSILON = 1e-6;
    private static final double MIN_NORMAL = Double.MIN_NORMAL;

    private final PromQLFunction function;
    private final List<Sample> samples;
    private final boolean hasScalar;
    private final double scalar;
    private final List<String> warnings;
    private final List<String> infos;

    Result(PromQLFunction function, List<Sample> samples, boolean hasScalar, double scalar, List<String> warnings,
            List<String> infos) {
        this.function = function;
        this.samples = List.copyOf(samples);
        this.hasScalar = hasScalar;
        this.scalar = scalar;
        this.warnings = List.copyOf(warnings);
        this.infos = List.copyOf(infos);
    }

    /** The samples in the order the function wrote them, labels exactly as written. */
    public List<Sample> samples() {
        return samples;
    }

    /**
     * The samples as the engine passes them on: without {@code __name__} unless the function
     * {@linkplain PromQLFunction#keepsMetricName() keeps the metric name}.
     */
    public List<Sample> engineSamples() {
        if (function.keepsMetricName()) {
            return samples;
        }
        List<Sample> out = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            out.add(new Sample(s.labels().withoutMetricName(), s.value()));
        }
        return out;
    }

    public int size() {
        return samples.size();
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }

    /** The value written for exactly these labels (as written, {@code __name__} included). */
    public double value(Labels labels) {
        Sample found = null;
        for (Sample s : samples) {
            if (s.labels().equals(labels)) {
                Assertions.assertNull(found, "two samples with labels " + labels + " in " + samples);
                found = s;
            }
        }
        Assertions.assertNotNull(found, "no sample with labels " + labels + " in " + samples);
        return found.value();
    }

    /** The value of the only sample. */
    public double value() {
        Assertions.assertEquals(1, samples.size(), () -> "expected exactly one sample, got " + samples);
        return samples.get(0).value();
    }

    /** Whether the function wrote a scalar (with {@link io.pharos.spi.promql.FunctionOutput#scalar}). */
    public boolean hasScalar() {
        return hasScalar;
    }

    /** The scalar the function wrote; fails when it wrote none. */
    public double scalar() {
        Assertions.assertTrue(hasScalar, "the function wrote no scalar");
        return scalar;
    }

    /** The messages of {@link io.pharos.spi.promql.FunctionCall#warn}, in order. */
    public List<String> warnings() {
        return warnings;
    }

    /** The messages of {@link io.pharos.spi.promql.FunctionCall#info}, in order. */
    public List<String> infos() {
        return infos;
    }

    /**
     * Asserts the result, in any order, against lines of {@code promqltest} notation ({@code {a="b"} 1},
     * {@code name{a="b"} NaN}); blank lines and {@code #} comments are ignored, an empty text expects
     * no sample. Compared with {@link #engineSamples()}.
     */
    public Result assertSamples(String expected) {
        return assertSamples(expected, false);
    }

    /** As {@link #assertSamples}, but the order must match too (sort functions). */
    public Result assertOrderedSamples(String expected) {
        return assertSamples(expected, true);
    }

    /** Asserts that no sample was written. */
    public Result assertEmpty() {
        Assertions.assertTrue(samples.isEmpty(), () -> "expected no samples, got " + samples);
        return this;
    }

    /** Asserts the scalar with {@link #almostEqual}. */
    public Result assertScalar(double expected) {
        double actual = scalar();
        Assertions.assertTrue(almostEqual(expected, actual),
                () -> "expected scalar " + format(expected) + ", got " + format(actual));
        return this;
    }

    /** Asserts that there was no warning. */
    public Result assertNoWarnings() {
        Assertions.assertTrue(warnings.isEmpty(), () -> "expected no warnings, got " + warnings);
        return this;
    }

    /** Asserts that there was no info. */
    public Result assertNoInfos() {
        Assertions.assertTrue(infos.isEmpty(), () -> "expected no infos, got " + infos);
        return this;
    }

    /** Asserts that exactly one warning was reported, with this text. */
    public Result assertWarning(String message) {
        Assertions.assertEquals(List.of(message), warnings);
        return this;
    }

    /** Asserts that exactly one info was reported, with this text. */
    public Result assertInfo(String message) {
        Assertions.assertEquals(List.of(message), infos);
        return this;
    }

    /**
     * {@code promqltest}'s float comparison: both NaN, exactly equal, or a relative difference below
     * {@link #EPSILON} (an absolute one near zero). Stale markers equal only stale markers.
     */
    public static boolean almostEqual(double a, double b) {
        boolean staleA = io.pharos.spi.model.StaleMarker.isStale(a);
        boolean staleB = io.pharos.spi.model.StaleMarker.isStale(b);
        if (staleA || staleB) {
            return staleA && staleB;
        }
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        if (a == b) {
            return true;
        }
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || absSum < MIN_NORMAL) {
            return diff < EPSILON * MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < EPSILON;
    }

    private Result assertSamples(String expected, boolean ordered) {
        List<Sample> want = Notation.samples(expected);
        List<Sample> got = engineSamples();
        String report = "\nexpected:\n" + lines(want) + "got:\n" + lines(got);
        Assertions.assertEquals(want.size(), got.size(), "wrong number of samples" + report);
        List<Sample> unmatched = new ArrayList<>(got);
        for (int i = 0; i < want.size(); i++) {
            Sample w = want.get(i);
            if (ordered) {
                Sample g = got.get(i);
                Assertions.assertTrue(g.labels().equals(w.labels()) && almostEqual(w.value(), g.value()),
                        "sample " + i + " differs" + report);
                continue;
            }
            Sample match = null;
            for (Sample g : unmatched) {
                if (g.labels().equals(w.labels())) {
                    match = g;
                    break;
                }
            }
            Assertions.assertNotNull(match, "no sample for " + w.labels() + report);
            Assertions.assertTrue(almostEqual(w.value(), match.value()), "wrong value for " + w.labels() + report);
            unmatched.remove(match);
        }
        return this;
    }

    private static String lines(List<Sample> samples) {
        StringBuilder sb = new StringBuilder();
        for (Sample s : samples) {
            sb.append("  ").append(s).append('\n');
        }
        return sb.toString();
    }

    /** A value as Prometheus prints it: {@code NaN}, {@code +Inf}, {@code -Inf}, else Java's shortest form. */
    static String format(double v) {
        if (io.pharos.spi.model.StaleMarker.isStale(v)) {
            return "stale";
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(v);
    }

    @Override
    public String toString() {
        return hasScalar ? "scalar " + format(scalar) : samples.toString();
    }
}
