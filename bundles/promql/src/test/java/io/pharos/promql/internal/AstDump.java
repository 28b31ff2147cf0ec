package io.pharos.promql.internal;

import io.pharos.spi.model.LabelMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A fully parenthesised rendering of a tree, with every property except positions, so that tests
 * can assert the shape (precedence, modifiers, types) and compare trees regardless of where they
 * were written. Matchers are sorted, as their order carries no meaning.
 */
final class AstDump {
    private AstDump() {
    }

    static String dump(Expr e) {
        StringBuilder sb = new StringBuilder();
        write(sb, e);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Expr e) {
        if (e == null) {
            sb.append("nil");
        } else if (e instanceof NumberLiteral n) {
            sb.append(n.duration() ? "dur:" : "").append(n.value());
        } else if (e instanceof StringLiteral s) {
            sb.append(GoStrings.quote(s.value()));
        } else if (e instanceof VectorSelector v) {
            List<String> ms = new ArrayList<>();
            for (LabelMatcher m : v.matchers()) {
                ms.add(m.toString());
            }
            ms.sort(null);
            sb.append("(sel ").append(v.name()).append(' ').append(ms);
            modifiers(sb, v.offsetMs(), v.offsetExpr(), v.at());
            if (v.extension() != VectorSelector.Extension.NONE) {
                sb.append(' ').append(v.extension());
            }
            sb.append(')');
        } else if (e instanceof MatrixSelector m) {
            sb.append("(matrix ");
            write(sb, m.selector());
            sb.append(' ').append(m.rangeMs()).append("ms");
            if (m.rangeExpr() != null) {
                sb.append(' ');
                write(sb, m.rangeExpr());
            }
            sb.append(')');
        } else if (e instanceof SubqueryExpr s) {
            sb.append("(subquery ");
            write(sb, s.expr());
            sb.append(' ').append(s.rangeMs()).append("ms");
            if (s.rangeExpr() != null) {
                sb.append(' ');
                write(sb, s.rangeExpr());
            }
            sb.append(" step ").append(s.stepMs()).append("ms");
            if (s.stepExpr() != null) {
                sb.append(' ');
                write(sb, s.stepExpr());
            }
            modifiers(sb, s.offsetMs(), s.offsetExpr(), s.at());
            sb.append(')');
        } else if (e instanceof ParenExpr p) {
            sb.append("(paren ");
            write(sb, p.expr());
            sb.append(')');
        } else if (e instanceof UnaryExpr u) {
            sb.append('(').append(u.op() == Operator.SUB ? "neg" : "pos").append(' ');
            write(sb, u.expr());
            sb.append(')');
        } else if (e instanceof BinaryExpr b) {
            sb.append('(').append(b.op().text());
            if (b.returnBool()) {
                sb.append(" bool");
            }
            VectorMatching vm = b.matching();
            if (vm != null) {
                sb.append(" [").append(vm.card());
                if (vm.on() || !vm.labels().isEmpty()) {
                    sb.append(vm.on() ? " on" : " ignoring").append(vm.labels());
                }
                if (!vm.include().isEmpty()) {
                    sb.append(" include").append(vm.include());
                }
                if (vm.hasFill()) {
                    sb.append(" fill ").append(vm.fillLeft()).append('/').append(vm.fillRight());
                }
                sb.append(']');
            }
            sb.append(' ');
            write(sb, b.lhs());
            sb.append(' ');
            write(sb, b.rhs());
            sb.append(')');
        } else if (e instanceof AggregateExpr a) {
            sb.append('(').append(a.op().text());
            if (a.without()) {
                sb.append(" without").append(a.grouping());
            } else if (!a.grouping().isEmpty()) {
                sb.append(" by").append(a.grouping());
            }
            if (a.param() != null) {
                sb.append(' ');
                write(sb, a.param());
            }
            sb.append(' ');
            write(sb, a.expr());
            sb.append(')');
        } else if (e instanceof Call c) {
            sb.append("(call ").append(c.function().name());
            for (Expr arg : c.args()) {
                sb.append(' ');
                write(sb, arg);
            }
            sb.append(')');
        } else if (e instanceof DurationExpr d) {
            sb.append("(dur-").append(d.op());
            if (d.wrapped()) {
                sb.append(" wrapped");
            }
            if (d.lhs() != null) {
                sb.append(' ');
                write(sb, d.lhs());
            }
            if (d.rhs() != null) {
                sb.append(' ');
                write(sb, d.rhs());
            }
            sb.append(')');
        }
    }

    private static void modifiers(StringBuilder sb, long offsetMs, DurationExpr offsetExpr, AtModifier at) {
        if (offsetMs != 0) {
            sb.append(" offset ").append(offsetMs).append("ms");
        }
        if (offsetExpr != null) {
            sb.append(" offset ");
            write(sb, offsetExpr);
        }
        if (at != null) {
            sb.append(" @ ").append(at.kind() == AtModifier.Kind.TIMESTAMP ? at.timestampMs() + "ms" : at.kind());
        }
    }
}
