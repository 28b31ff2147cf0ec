package io.pharos.promql.internal;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.promql.ValueType;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * The type checks Prometheus runs on a parsed tree ({@code checkAST}), in its order so that the
 * first error is the one Prometheus reports: children before their parent, except where Prometheus
 * checks a node's own properties first (function argument counts, aggregation parameters).
 */
final class Checker {
    private final String input;
    private final Map<BinaryExpr, VectorMatching> droppedMatching;

    /**
     * @param input the query, to place operator errors as Prometheus does
     * @param droppedMatching vector matching the parser dropped from non vector-vector operations, or null
     */
    Checker(String input, Map<BinaryExpr, VectorMatching> droppedMatching) {
        this.input = input;
        this.droppedMatching = droppedMatching == null ? Map.of() : droppedMatching;
    }

    /** How Prometheus names a type in messages. */
    static String documented(ValueType t) {
        return switch (t) {
            case VECTOR -> "instant vector";
            case MATRIX -> "range vector";
            default -> t.text();
        };
    }

    void check(Expr e) {
        check(e, false);
    }

    /**
     * @param labelSelectorsOnly the second argument of {@code info()}, where a selector of label
     *                           matchers only may match the empty string
     */
    private ValueType check(Expr e, boolean labelSelectorsOnly) {
        if (e instanceof AggregateExpr a) {
            expectType(a.expr(), ValueType.VECTOR, "aggregation expression");
            if (a.op().hasParam()) {
                expectType(a.param(), a.op().paramType(), "aggregation parameter");
            }
        } else if (e instanceof BinaryExpr b) {
            binary(b);
        } else if (e instanceof Call c) {
            call(c);
        } else if (e instanceof ParenExpr p) {
            check(p.expr(), false);
        } else if (e instanceof UnaryExpr u) {
            ValueType t = check(u.expr(), false);
            if (t != ValueType.SCALAR && t != ValueType.VECTOR) {
                throw error(u.position(), "unary expression only allowed on expressions of type scalar or "
                        + "instant vector, got " + GoStrings.quote(documented(t)));
            }
        } else if (e instanceof SubqueryExpr s) {
            ValueType t = check(s.expr(), false);
            if (t != ValueType.VECTOR) {
                // Prometheus names the type plainly here ("matrix").
                throw error(s.position(), "subquery is only allowed on instant vector, got " + t.text() + " instead");
            }
        } else if (e instanceof MatrixSelector m) {
            check(m.selector(), false);
        } else if (e instanceof VectorSelector v) {
            selector(v, labelSelectorsOnly);
        }
        // Literals have nothing to check; duration expressions were checked while parsing.
        return e.type();
    }

    private void expectType(Expr e, ValueType want, String context) {
        ValueType t = check(e, false);
        if (t != want) {
            throw error(e.position(), "expected type " + documented(want) + " in " + context + ", got " + documented(t));
        }
    }

    /**
     * A binary operation: the whole left operand, the right operand, then the operation itself, as
     * Prometheus orders its checks. Left-nested chains ({@code a + b + c + ...}) are walked without
     * recursion, as queries may chain thousands of operations.
     */
    private void binary(BinaryExpr top) {
        ArrayDeque<BinaryExpr> spine = new ArrayDeque<>();
        Expr e = top;
        while (e instanceof BinaryExpr b) {
            spine.push(b);
            e = b.lhs();
        }
        check(e, false);
        while (!spine.isEmpty()) {
            BinaryExpr b = spine.pop();
            check(b.rhs(), false);
            binaryOperation(b);
        }
    }

    private void binaryOperation(BinaryExpr b) {
        ValueType lt = b.lhs().type();
        ValueType rt = b.rhs().type();
        Operator op = b.op();
        if (b.returnBool() && !op.isComparison()) {
            throw error(operatorPosition(b), "bool modifier can only be used on comparison operators");
        }
        if (op.isComparison() && !b.returnBool() && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            throw error(operatorPosition(b), "comparisons between scalars must use BOOL modifier");
        }
        VectorMatching vm = b.matching() != null ? b.matching() : droppedMatching.get(b);
        if (vm != null && vm.on()) {
            for (String label : vm.labels()) {
                if (vm.include().contains(label)) {
                    throw error(operatorPosition(b), "label " + GoStrings.quote(label)
                            + " must not occur in ON and GROUP clause at once");
                }
            }
        }
        if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
            throw error(b.lhs().position(), "binary expression must contain only scalar and instant vector types");
        }
        if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
            throw error(b.rhs().position(), "binary expression must contain only scalar and instant vector types");
        }
        if (b.matching() == null) {
            if (vm != null && !vm.labels().isEmpty()) {
                throw error(b.position(), "vector matching only allowed between instant vectors");
            }
            if (vm != null && vm.hasFill()) {
                throw error(b.position(), "filling in missing series only allowed between instant vectors");
            }
        } else if (op.isSetOperator()) {
            VectorMatching.Cardinality card = vm.card();
            if (card == VectorMatching.Cardinality.ONE_TO_MANY || card == VectorMatching.Cardinality.MANY_TO_ONE) {
                throw error(b.position(), "no grouping allowed for " + GoStrings.quote(op.text()) + " operation");
            }
            if (vm.hasFill()) {
                throw error(b.position(), "filling in missing series not allowed for set operators");
            }
        }
        if ((lt == ValueType.SCALAR || rt == ValueType.SCALAR) && op.isSetOperator()) {
            throw error(b.position(), "set operator " + GoStrings.quote(op.text())
                    + " not allowed in binary scalar expression");
        }
    }

    /**
     * Where Prometheus reports operator errors: from the first non-space character after the
     * left-hand side (a comment there is not skipped, as in Prometheus).
     */
    private int operatorPosition(BinaryExpr b) {
        int p = b.lhs().position().end();
        while (p < input.length() && Lexer.isSpace(input.charAt(p))) {
            p++;
        }
        return p;
    }

    private void call(Call c) {
        FunctionSignature f = c.function();
        List<Expr> args = c.args();
        int declared = f.argTypes().size();
        String name = GoStrings.quote(f.name());
        if (f.variadic() == 0) {
            if (declared != args.size()) {
                throw error(c.position(), "expected " + declared + " argument(s) in call to " + name + ", got "
                        + args.size());
            }
        } else {
            int min = declared - 1;
            if (min > args.size()) {
                throw error(c.position(), "expected at least " + min + " argument(s) in call to " + name + ", got "
                        + args.size());
            }
            int max = min + f.variadic();
            if (f.variadic() > 0 && max < args.size()) {
                throw error(c.position(), "expected at most " + max + " argument(s) in call to " + name + ", got "
                        + args.size());
            }
        }
        boolean info = f.name().equals("info") && args.size() > 1;
        if (info) {
            Expr selectors = args.get(1);
            if (selectors.type() != ValueType.VECTOR) {
                throw error(c.position(), "expected type instant vector in call to function " + name + ", got "
                        + documented(selectors.type()));
            }
            if (!(selectors instanceof VectorSelector vs)) {
                throw error(selectors.position(), "expected label selectors only");
            }
            if (vs.name() != null) {
                throw error(selectors.position(), "expected label selectors only, got vector selector instead");
            }
        }
        for (int i = 0; i < args.size(); i++) {
            if (i >= declared && f.variadic() == 0) {
                break; // already reported as a wrong count
            }
            Expr arg = args.get(i);
            ValueType want = f.argType(i);
            ValueType t = check(arg, info && i == 1);
            if (t != want) {
                throw error(arg.position(), "expected type " + documented(want) + " in call to function " + name
                        + ", got " + documented(t));
            }
        }
    }

    private void selector(VectorSelector v, boolean labelSelectorsOnly) {
        List<LabelMatcher> matchers = v.matchers();
        if (v.name() != null) {
            // The last matcher is the one for the name written before the braces.
            for (int i = 0; i < matchers.size() - 1; i++) {
                LabelMatcher m = matchers.get(i);
                if (m.name().equals(Labels.METRIC_NAME)) {
                    throw error(v.position(), "metric name must not be set twice: " + GoStrings.quote(v.name())
                            + " or " + GoStrings.quote(m.value()));
                }
            }
            return; // the name is a non-empty matcher
        }
        if (labelSelectorsOnly) {
            return;
        }
        for (LabelMatcher m : matchers) {
            if (!m.matchesEmpty()) {
                return;
            }
        }
        // Guards against selecting every series by a typo.
        throw error(v.position(), "vector selector must contain at least one non-empty matcher");
    }

    private ParseException error(PositionRange at, String reason) {
        return error(at.start(), reason);
    }

    private ParseException error(int pos, String reason) {
        return new ParseException(input, pos, reason);
    }
}
