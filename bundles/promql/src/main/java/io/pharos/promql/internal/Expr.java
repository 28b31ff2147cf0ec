package io.pharos.promql.internal;

import io.pharos.spi.promql.ValueType;

/**
 * A node of a parsed query, as Prometheus' parser builds it. Nodes are immutable; their
 * {@link #type()} is derived from their children, so a tree that passed the parser's type checks
 * needs no further validation.
 */
sealed interface Expr permits AggregateExpr, BinaryExpr, Call, DurationExpr, MatrixSelector, NumberLiteral,
        ParenExpr, StringLiteral, SubqueryExpr, UnaryExpr, VectorSelector {
    /** The type the node evaluates to. */
    ValueType type();

    /** Where the node is written in the query. */
    PositionRange position();
}
