package io.pharos.promql.internal;

import io.pharos.spi.promql.ValueType;
import java.util.List;

/**
 * An aggregation such as {@code sum by (job) (x)} or {@code topk without (pod) (3, x)}.
 *
 * @param param the parameter of {@code topk}, {@code quantile}, {@code count_values}, ..., else null
 * @param grouping the labels of {@code by}/{@code without}; empty for none (or {@code by ()})
 * @param without whether {@link #grouping} lists the labels to drop
 */
record AggregateExpr(AggregateOp op, Expr expr, Expr param, List<String> grouping, boolean without,
        PositionRange position) implements Expr {
    AggregateExpr {
        grouping = List.copyOf(grouping);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }
}
