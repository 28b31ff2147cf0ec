package io.pharos.promql.internal;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.promql.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed query as the JSON tree of Prometheus' {@code /api/v1/parse_query} ({@code translateAST}
 * in {@code web/api/v1/translate_ast.go}): nested maps (keys sorted, as Go writes maps), lists,
 * strings, numbers, booleans and nulls.
 *
 * <p>Durations are milliseconds. Parts Prometheus' tree has no field for are left out as it leaves
 * them out: duration expressions (a range, step or offset written as one shows as 0, the value
 * Prometheus' parser leaves there before evaluation), the {@code anchored}/{@code smoothed}
 * modifiers and the {@code fill} modifiers.
 */
final class AstJson {
    private AstJson() {
    }

    static Map<String, Object> of(Expr e) {
        Map<String, Object> m = new TreeMap<>();
        if (e instanceof AggregateExpr a) {
            m.put("type", "aggregation");
            m.put("op", a.op().text());
            m.put("expr", of(a.expr()));
            m.put("param", a.param() == null ? null : of(a.param()));
            m.put("grouping", a.grouping());
            m.put("without", a.without());
        } else if (e instanceof BinaryExpr b) {
            m.put("type", "binaryExpr");
            m.put("op", b.op().text());
            m.put("lhs", of(b.lhs()));
            m.put("rhs", of(b.rhs()));
            Map<String, Object> matching = null;
            if (b.matching() != null) {
                matching = new TreeMap<>();
                matching.put("card", card(b.matching().card()));
                matching.put("labels", b.matching().labels());
                matching.put("on", b.matching().on());
                matching.put("include", b.matching().include());
            }
            m.put("matching", matching);
            m.put("bool", b.returnBool());
        } else if (e instanceof Call c) {
            List<Object> args = new ArrayList<>();
            for (Expr a : c.args()) {
                args.add(of(a));
            }
            Map<String, Object> func = new TreeMap<>();
            func.put("name", c.function().name());
            func.put("argTypes", c.function().argTypes().stream().map(ValueType::text).toList());
            func.put("variadic", c.function().variadic());
            func.put("returnType", c.function().returnType().text());
            m.put("type", "call");
            m.put("func", func);
            m.put("args", args);
        } else if (e instanceof MatrixSelector ms) {
            m.put("type", "matrixSelector");
            m.put("range", ms.rangeMs());
            selector(m, ms.selector());
        } else if (e instanceof SubqueryExpr s) {
            m.put("type", "subquery");
            m.put("expr", of(s.expr()));
            m.put("range", s.rangeMs());
            m.put("offset", s.offsetMs());
            m.put("step", s.stepMs());
            at(m, s.at());
        } else if (e instanceof NumberLiteral n) {
            m.put("type", "numberLiteral");
            m.put("val", GoNumbers.formatF(n.value()));
        } else if (e instanceof ParenExpr p) {
            m.put("type", "parenExpr");
            m.put("expr", of(p.expr()));
        } else if (e instanceof StringLiteral s) {
            m.put("type", "stringLiteral");
            m.put("val", s.value());
        } else if (e instanceof UnaryExpr u) {
            m.put("type", "unaryExpr");
            m.put("op", u.op().text());
            m.put("expr", of(u.expr()));
        } else if (e instanceof VectorSelector vs) {
            m.put("type", "vectorSelector");
            selector(m, vs);
        } else {
            throw new IllegalStateException("a duration expression outside a duration: " + e);
        }
        return m;
    }

    private static void selector(Map<String, Object> m, VectorSelector vs) {
        m.put("name", vs.name() == null ? "" : vs.name());
        m.put("offset", vs.offsetMs());
        List<Object> matchers = new ArrayList<>();
        for (LabelMatcher lm : vs.matchers()) {
            Map<String, Object> mm = new TreeMap<>();
            mm.put("name", lm.name());
            mm.put("value", lm.value());
            mm.put("type", lm.type().symbol());
            matchers.add(mm);
        }
        m.put("matchers", matchers);
        at(m, vs.at());
    }

    private static void at(Map<String, Object> m, AtModifier at) {
        m.put("timestamp", at != null && at.kind() == AtModifier.Kind.TIMESTAMP ? (Object) at.timestampMs() : null);
        m.put("startOrEnd", at == null || at.kind() == AtModifier.Kind.TIMESTAMP ? null
                : at.kind() == AtModifier.Kind.START ? "start" : "end");
    }

    private static String card(VectorMatching.Cardinality c) {
        return switch (c) {
            case ONE_TO_ONE -> "one-to-one";
            case MANY_TO_ONE -> "many-to-one";
            case ONE_TO_MANY -> "one-to-many";
            case MANY_TO_MANY -> "many-to-many";
        };
    }
}
