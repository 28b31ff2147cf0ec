package io.pharos.promql.internal;

import io.pharos.spi.promql.ValueType;

/** An expression in parentheses; kept in the tree so that the query prints back as written. */
record ParenExpr(Expr expr, PositionRange position) implements Expr {
    @Override
    public ValueType type() {
        return expr.type();
    }
}
