package io.pharos.promql.internal;

import io.pharos.spi.promql.ValueType;
import java.util.Locale;

/**
 * The aggregation operators. Some take a parameter before the vector ({@code topk(3, x)}); of those,
 * {@code limitk} and {@code limit_ratio} are still experimental in Prometheus 3.
 */
enum AggregateOp {
    SUM(null, false),
    AVG(null, false),
    COUNT(null, false),
    MIN(null, false),
    MAX(null, false),
    GROUP(null, false),
    STDDEV(null, false),
    STDVAR(null, false),
    TOPK(ValueType.SCALAR, false),
    BOTTOMK(ValueType.SCALAR, false),
    COUNT_VALUES(ValueType.STRING, false),
    QUANTILE(ValueType.SCALAR, false),
    LIMITK(ValueType.SCALAR, true),
    LIMIT_RATIO(ValueType.SCALAR, true);

    private final ValueType paramType;
    private final boolean experimental;
    private final String text;

    AggregateOp(ValueType paramType, boolean experimental) {
        this.paramType = paramType;
        this.experimental = experimental;
        this.text = name().toLowerCase(Locale.ROOT);
    }

    /** How queries spell it. */
    String text() {
        return text;
    }

    boolean hasParam() {
        return paramType != null;
    }

    /** The type the parameter must have, or null if there is none. */
    ValueType paramType() {
        return paramType;
    }

    boolean experimental() {
        return experimental;
    }

    /** The operator a token stands for, or null. */
    static AggregateOp of(TokenKind kind) {
        return kind.category() == TokenKind.Category.AGGREGATOR ? valueOf(kind.name()) : null;
    }
}
