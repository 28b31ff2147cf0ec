package io.pharos.promql;

import io.pharos.spi.promql.ValueType;
import java.util.List;
import java.util.Objects;

/**
 * The value a query evaluated to, one of the four PromQL value types, with the warning and info
 * annotations the evaluation produced. Immutable.
 */
public sealed interface QueryResult
        permits QueryResult.VectorResult, QueryResult.MatrixResult, QueryResult.ScalarResult,
        QueryResult.StringResult {

    /** The API's {@code resultType}. */
    ValueType type();

    /** The annotations of the evaluation (none for a result built without them). */
    Annotations annotations();

    /** This result with other annotations. */
    QueryResult withAnnotations(Annotations annotations);

    /**
     * The warning annotations, as the API's {@code warnings} shows them, e.g.
     * {@code PromQL warning: quantile value should be between 0 and 1, got 2 (1:14)}.
     */
    default List<String> warnings() {
        return annotations().warnings();
    }

    /**
     * The info annotations, as the API's {@code infos} shows them, e.g. {@code PromQL info: metric
     * might not be a counter, name does not end in _total/_sum/_count/_bucket: "foo" (1:6)}.
     */
    default List<String> infos() {
        return annotations().infos();
    }

    /**
     * The warning and info annotations of a query, fully formatted as Prometheus' API shows them:
     * {@code "PromQL warning: "} or {@code "PromQL info: "}, the message, and the {@code (line:column)}
     * where the expression the annotation is about starts in the query. Without duplicates, in the
     * order they were first reported.
     */
    record Annotations(List<String> warnings, List<String> infos) {
        public static final Annotations NONE = new Annotations(List.of(), List.of());

        public Annotations {
            warnings = List.copyOf(new java.util.LinkedHashSet<>(warnings));
            infos = List.copyOf(new java.util.LinkedHashSet<>(infos));
        }

        public boolean isEmpty() {
            return warnings.isEmpty() && infos.isEmpty();
        }
    }

    /**
     * An instant vector: at most one sample per series, sorted by labels unless the query orders
     * the result itself (sort functions, topk, bottomk).
     */
    record VectorResult(List<Sample> samples, Annotations annotations) implements QueryResult {
        public VectorResult {
            samples = List.copyOf(samples);
            Objects.requireNonNull(annotations, "annotations");
        }

        public VectorResult(List<Sample> samples) {
            this(samples, Annotations.NONE);
        }

        @Override
        public ValueType type() {
            return ValueType.VECTOR;
        }

        @Override
        public VectorResult withAnnotations(Annotations annotations) {
            return new VectorResult(samples, annotations);
        }
    }

    /** A range of points per series, sorted by labels. */
    record MatrixResult(List<SeriesResult> series, Annotations annotations) implements QueryResult {
        public MatrixResult {
            series = List.copyOf(series);
            Objects.requireNonNull(annotations, "annotations");
        }

        public MatrixResult(List<SeriesResult> series) {
            this(series, Annotations.NONE);
        }

        @Override
        public ValueType type() {
            return ValueType.MATRIX;
        }

        @Override
        public MatrixResult withAnnotations(Annotations annotations) {
            return new MatrixResult(series, annotations);
        }
    }

    /** A single number at the evaluation time {@code t} (ms). */
    record ScalarResult(long t, double v, Annotations annotations) implements QueryResult {
        public ScalarResult {
            Objects.requireNonNull(annotations, "annotations");
        }

        public ScalarResult(long t, double v) {
            this(t, v, Annotations.NONE);
        }

        @Override
        public ValueType type() {
            return ValueType.SCALAR;
        }

        @Override
        public ScalarResult withAnnotations(Annotations annotations) {
            return new ScalarResult(t, v, annotations);
        }
    }

    /** A string at the evaluation time {@code t} (ms). */
    record StringResult(long t, String v, Annotations annotations) implements QueryResult {
        public StringResult {
            Objects.requireNonNull(v, "v");
            Objects.requireNonNull(annotations, "annotations");
        }

        public StringResult(long t, String v) {
            this(t, v, Annotations.NONE);
        }

        @Override
        public ValueType type() {
            return ValueType.STRING;
        }

        @Override
        public StringResult withAnnotations(Annotations annotations) {
            return new StringResult(t, v, annotations);
        }
    }
}
