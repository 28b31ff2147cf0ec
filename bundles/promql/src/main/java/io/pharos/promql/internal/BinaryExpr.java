package io.pharos.promql.internal;

import io.pharos.spi.promql.ValueType;

/**
 * A binary operation such as {@code a / on(job) group_left b} or {@code x > bool 1}.
 *
 * @param returnBool whether the {@code bool} modifier is set
 * @param matching the vector matching when both operands are instant vectors (set operators are
 *                 many-to-many unless written otherwise); null otherwise, where Prometheus drops it
 * @param type scalar when both operands are scalars, else instant vector (as in Prometheus); kept
 *             rather than derived so that long operator chains need no deep recursion
 * @param position from the start of the left operand to the end of the right one
 */
record BinaryExpr(Operator op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching, ValueType type,
        PositionRange position) implements Expr {

    BinaryExpr(Operator op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching) {
        this(op, lhs, rhs, returnBool, matching,
                lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR,
                new PositionRange(lhs.position().start(), rhs.position().end()));
    }
}
