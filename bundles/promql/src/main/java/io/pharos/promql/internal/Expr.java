package io.pharos.promql.internal;

import io.pharos.spi.promql.ValueType;

/**
 * A node of the parsed query. Only the nodes this slice of the engine evaluates exist so far;
 * operators, functions and the rest of PromQL add their own records here.
 */
sealed interface Expr permits NumberLiteral, StringLiteral, VectorSelector {
    /** The type the node evaluates to. */
    ValueType type();

    /** Where the node is written in the query. */
    PositionRange position();
}
