package io.pharos.promql;

import io.pharos.spi.promql.ValueType;
import java.util.List;
import java.util.Objects;

/** The value a query evaluated to, one of the four PromQL value types. Immutable. */
public sealed interface QueryResult
        permits QueryResult.VectorResult, QueryResult.MatrixResult, QueryResult.ScalarResult,
        QueryResult.StringResult {

    /** The API's {@code resultType}. */
    ValueType type();

    /**
     * An instant vector: at most one sample per series, sorted by labels unless the query orders
     * the result itself (sort functions, topk, bottomk).
     */
    record VectorResult(List<Sample> samples) implements QueryResult {
        public VectorResult {
            samples = List.copyOf(samples);
        }

        @Override
        public ValueType type() {
            return ValueType.VECTOR;
        }
    }

    /** A range of points per series, sorted by labels. */
    record MatrixResult(List<SeriesResult> series) implements QueryResult {
        public MatrixResult {
            series = List.copyOf(series);
        }

        @Override
        public ValueType type() {
            return ValueType.MATRIX;
        }
    }

    /** A single number at the evaluation time {@code t} (ms). */
    record ScalarResult(long t, double v) implements QueryResult {
        @Override
        public ValueType type() {
            return ValueType.SCALAR;
        }
    }

    /** A string at the evaluation time {@code t} (ms). */
    record StringResult(long t, String v) implements QueryResult {
        public StringResult {
            Objects.requireNonNull(v, "v");
        }

        @Override
        public ValueType type() {
            return ValueType.STRING;
        }
    }
}
