package io.pharos.promql.internal;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MatchType;
import io.pharos.spi.promql.ValueType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser for the whole PromQL grammar of Prometheus 3.x, producing a typed
 * {@link Expr} tree and reporting Prometheus' error messages at Prometheus' positions.
 *
 * <p>Prometheus' yacc parser records every error and reports the first; this parser throws at the
 * first, which gives the same result because errors are found in the same order: syntax errors and
 * the checks Prometheus makes while reducing a rule (unknown functions, misplaced modifiers, bad
 * durations...) as the query is read, then the type checks of {@link Checker} on the finished tree.
 *
 * <p>Where yacc's error recovery decides the wording of an "unexpected ..." error, the innermost
 * construct that has an error rule in Prometheus' grammar supplies the context: label matchers,
 * grouping clauses, brackets, {@code offset} and {@code @}, and the argument list of an aggregation
 * ("in aggregation"); elsewhere the message has no context.
 */
final class Parser {
    private static final String LABEL_MATCHING = "label matching";
    private static final String GROUPING = "grouping opts";
    private static final String RANGE_CONTEXT = "subquery or range selector";
    private static final String RANGE_EXPECTED = "number, duration, step(), or range()";
    private static final String STEP_CONTEXT = "subquery selector";
    private static final String STEP_EXPECTED = "number, duration, step(), range(), or \"]\"";
    private static final String OFFSET_CONTEXT = "offset";
    private static final Pattern DECIMAL_FLOAT =
            Pattern.compile("(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    /** Durations beyond this many seconds overflow Go's int64 nanoseconds. */
    private static final double MAX_DURATION_SECONDS = 0x1p63 / 1e9;

    private final String input;
    private final Lexer lexer;
    private final ParserOptions options;
    private Token lookahead;
    /** Index after the last consumed token, where the node being built ends. */
    private int lastEnd;
    /** Nesting of aggregation argument lists, which make generic errors read "in aggregation". */
    private int aggregationDepth;
    /** Error context and expectation of the duration expression being read. */
    private String durationContext;
    private String durationExpected;
    /**
     * The vector matching written on binary operations whose operands are not both instant vectors:
     * dropped from the tree as Prometheus does, but still needed for its type checks.
     */
    private Map<BinaryExpr, VectorMatching> droppedMatching;

    private Parser(String query, ParserOptions options) {
        this.input = query;
        this.lexer = new Lexer(query);
        this.options = options;
    }

    /** Parses and type-checks a whole query with the default options (no experimental features). */
    static Expr parse(String query) {
        return parse(query, ParserOptions.DEFAULT);
    }

    /** Parses and type-checks a whole query. */
    static Expr parse(String query, ParserOptions options) {
        Parser p = new Parser(query, options);
        Expr expr = p.parseQuery();
        new Checker(query, p.droppedMatching).check(expr);
        return expr;
    }

    private Expr parseQuery() {
        if (peek().kind() == TokenKind.EOF) {
            throw error(0, "no expression found in input");
        }
        Expr expr = expression(0);
        Token t = peek();
        if (t.kind() != TokenKind.EOF) {
            throw unexpected(t);
        }
        return expr;
    }

    // Operators.

    /** Binary operations whose operators bind at least as tightly as {@code minPrecedence}. */
    private Expr expression(int minPrecedence) {
        Expr lhs = unary();
        for (;;) {
            Operator op = Operator.of(peek().kind());
            if (op == null || op.precedence() < minPrecedence) {
                return lhs;
            }
            next();
            Modifiers mods = binaryModifiers();
            Expr rhs = expression(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
            lhs = binary(op, lhs, rhs, mods);
        }
    }

    /** The modifiers written after a binary operator. */
    private record Modifiers(boolean returnBool, VectorMatching matching) {
    }

    private Modifiers binaryModifiers() {
        boolean returnBool = accept(TokenKind.BOOL);
        List<String> labels = List.of();
        boolean on = false;
        List<String> include = List.of();
        VectorMatching.Cardinality card = VectorMatching.Cardinality.ONE_TO_ONE;
        TokenKind k = peek().kind();
        if (k == TokenKind.ON || k == TokenKind.IGNORING) {
            next();
            on = k == TokenKind.ON;
            labels = groupingLabels();
            k = peek().kind();
            if (k == TokenKind.GROUP_LEFT || k == TokenKind.GROUP_RIGHT) {
                next();
                card = k == TokenKind.GROUP_LEFT ? VectorMatching.Cardinality.MANY_TO_ONE
                        : VectorMatching.Cardinality.ONE_TO_MANY;
                // A '(' right after group_x always starts its labels, never the right-hand side.
                if (peek().kind() == TokenKind.LEFT_PAREN) {
                    include = groupingLabels();
                }
            }
        }
        Double fillLeft = null;
        Double fillRight = null;
        k = peek().kind();
        if (k == TokenKind.FILL) {
            next();
            fillLeft = fillValue();
            fillRight = fillLeft;
        } else if (k == TokenKind.FILL_LEFT || k == TokenKind.FILL_RIGHT) {
            next();
            double v = fillValue();
            TokenKind other = k == TokenKind.FILL_LEFT ? TokenKind.FILL_RIGHT : TokenKind.FILL_LEFT;
            Double second = accept(other) ? fillValue() : null;
            fillLeft = k == TokenKind.FILL_LEFT ? Double.valueOf(v) : second;
            fillRight = k == TokenKind.FILL_LEFT ? second : Double.valueOf(v);
        }
        return new Modifiers(returnBool, new VectorMatching(card, labels, on, include, fillLeft, fillRight));
    }

    /** {@code ( [+|-] number-or-duration )} after a fill modifier. */
    private double fillValue() {
        expectGeneric(TokenKind.LEFT_PAREN);
        Token t = next();
        double sign = 1;
        if (t.kind() == TokenKind.ADD || t.kind() == TokenKind.SUB) {
            sign = t.kind() == TokenKind.SUB ? -1 : 1;
            t = next();
        }
        double v;
        if (t.kind() == TokenKind.NUMBER) {
            v = number(t);
        } else if (t.kind() == TokenKind.DURATION) {
            v = durationSeconds(t);
        } else {
            throw unexpected(t);
        }
        expectGeneric(TokenKind.RIGHT_PAREN);
        return sign * v;
    }

    private Expr binary(Operator op, Expr lhs, Expr rhs, Modifiers mods) {
        VectorMatching vm = mods.matching();
        if (vm.hasFill() && !options.fillModifiers()) {
            throw error(lhs.position().start(), "binop fill modifiers are experimental and not enabled");
        }
        if (op.isSetOperator() && vm.card() == VectorMatching.Cardinality.ONE_TO_ONE) {
            vm = new VectorMatching(VectorMatching.Cardinality.MANY_TO_MANY, vm.labels(), vm.on(), vm.include(),
                    vm.fillLeft(), vm.fillRight());
        }
        if (lhs.type() == ValueType.VECTOR && rhs.type() == ValueType.VECTOR) {
            return new BinaryExpr(op, lhs, rhs, mods.returnBool(), vm);
        }
        // Matching applies to vector-vector operations only; Prometheus drops it after checking.
        BinaryExpr b = new BinaryExpr(op, lhs, rhs, mods.returnBool(), null);
        if (!vm.isDefault()) {
            if (droppedMatching == null) {
                droppedMatching = new IdentityHashMap<>();
            }
            droppedMatching.put(b, vm);
        }
        return b;
    }

    private Expr unary() {
        Token t = peek();
        if (t.kind() != TokenKind.ADD && t.kind() != TokenKind.SUB) {
            return postfix(primary());
        }
        next();
        // The operator binds like '*': only '^' (and the postfix modifiers) bind more tightly.
        Expr operand = expression(Operator.POW_PRECEDENCE);
        boolean negative = t.kind() == TokenKind.SUB;
        if (operand instanceof NumberLiteral n) {
            // Prometheus folds a sign into the literal: -1 is a number, not an operation.
            return new NumberLiteral(negative ? -n.value() : n.value(), n.duration(),
                    new PositionRange(t.pos(), n.position().end()));
        }
        return new UnaryExpr(negative ? Operator.SUB : Operator.ADD, operand,
                new PositionRange(t.pos(), operand.position().end()));
    }

    // Primary expressions.

    private Expr primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new NumberLiteral(number(t), false, range(t));
            case DURATION:
                return new NumberLiteral(durationSeconds(t), true, range(t));
            case STRING:
                return new StringLiteral(t.value(), range(t));
            case LEFT_BRACE:
                return selector(null, t.pos(), true);
            case LEFT_PAREN: {
                Expr inner = expression(0);
                Token close = expectGeneric(TokenKind.RIGHT_PAREN);
                return new ParenExpr(inner, new PositionRange(t.pos(), close.end()));
            }
            case IDENTIFIER:
                if (peek().kind() == TokenKind.LEFT_PAREN) {
                    return call(t, t.text());
                }
                break;
            case START:
            case END:
            case STEP:
            case RANGE:
                // start(), end(), step() and range() are (experimental) functions; alone, metric names.
                if (peek().kind() == TokenKind.LEFT_PAREN) {
                    return call(t, t.kind().text());
                }
                break;
            default:
                break;
        }
        AggregateOp agg = AggregateOp.of(t.kind());
        if (agg != null) {
            TokenKind after = peek().kind();
            if (after == TokenKind.LEFT_PAREN || after == TokenKind.BY || after == TokenKind.WITHOUT) {
                return aggregation(t, agg);
            }
        }
        if (!t.kind().canBeMetricName()) {
            throw unexpected(t);
        }
        if (peek().kind() == TokenKind.LEFT_BRACE) {
            next();
            return selector(t.text(), t.pos(), true);
        }
        return selector(t.text(), t.pos(), false);
    }

    private Expr call(Token name, String functionName) {
        next(); // (
        List<Expr> args = arguments();
        int end = lastEnd;
        // Looked up once the arguments are read, as Prometheus reports errors inside them first.
        FunctionSignature f = options.functions().lookup(functionName);
        if (f == null) {
            throw error(name.pos(), "unknown function with name " + GoStrings.quote(functionName));
        }
        if (f.experimental() && !options.experimentalFunctions()) {
            throw error(name.pos(), "function " + GoStrings.quote(functionName) + " is not enabled");
        }
        return new Call(f, args, new PositionRange(name.pos(), end));
    }

    /** A parenthesised argument list after its '(', up to and including the ')'. */
    private List<Expr> arguments() {
        List<Expr> args = new ArrayList<>(4);
        if (accept(TokenKind.RIGHT_PAREN)) {
            return args;
        }
        for (;;) {
            args.add(expression(0));
            Token t = next();
            if (t.kind() == TokenKind.RIGHT_PAREN) {
                return args;
            }
            if (t.kind() != TokenKind.COMMA) {
                throw unexpected(t);
            }
            if (peek().kind() == TokenKind.RIGHT_PAREN) {
                throw error(t.pos(), "trailing commas not allowed in function call args");
            }
        }
    }

    private Expr aggregation(Token opToken, AggregateOp op) {
        List<String> grouping = List.of();
        boolean without = false;
        boolean modifierFirst = false;
        TokenKind k = peek().kind();
        if (k == TokenKind.BY || k == TokenKind.WITHOUT) {
            next();
            without = k == TokenKind.WITHOUT;
            grouping = groupingLabels();
            modifierFirst = true;
        }
        Token open = next();
        if (open.kind() != TokenKind.LEFT_PAREN) {
            throw unexpected(open, "aggregation", null);
        }
        aggregationDepth++;
        List<Expr> args = arguments();
        aggregationDepth--;
        if (!modifierFirst) {
            k = peek().kind();
            if (k == TokenKind.BY || k == TokenKind.WITHOUT) {
                next();
                without = k == TokenKind.WITHOUT;
                grouping = groupingLabels();
            }
        }
        PositionRange pos = new PositionRange(opToken.pos(), lastEnd);
        if (args.isEmpty()) {
            throw error(opToken.pos(), "no arguments for aggregate expression provided");
        }
        int wanted = 1;
        if (op.hasParam()) {
            if (op.experimental() && !options.experimentalFunctions()) {
                throw error(opToken.pos(), op.text()
                        + "() is experimental and must be enabled with --enable-feature=promql-experimental-functions");
            }
            wanted = 2;
        }
        if (args.size() != wanted) {
            throw error(opToken.pos(), "wrong number of arguments for aggregate expression provided, expected "
                    + wanted + ", got " + args.size());
        }
        return new AggregateExpr(op, args.get(wanted - 1), wanted == 2 ? args.get(0) : null, grouping, without, pos);
    }

    /** {@code ( label, ... )} after by, without, on, ignoring, group_left or group_right. */
    private List<String> groupingLabels() {
        Token open = next();
        if (open.kind() != TokenKind.LEFT_PAREN) {
            throw unexpected(open, GROUPING, "\"(\"");
        }
        List<String> labels = new ArrayList<>(4);
        Token t = next();
        if (t.kind() == TokenKind.RIGHT_PAREN) {
            return labels;
        }
        for (;;) {
            labels.add(groupingLabel(t));
            t = next();
            if (t.kind() == TokenKind.RIGHT_PAREN) {
                return labels;
            }
            if (t.kind() != TokenKind.COMMA) {
                throw unexpected(t, GROUPING, "\",\" or \")\"");
            }
            t = next();
            if (t.kind() == TokenKind.RIGHT_PAREN) {
                return labels; // a trailing comma is allowed here
            }
        }
    }

    private String groupingLabel(Token t) {
        String name;
        if (t.kind() == TokenKind.STRING) {
            name = t.value(); // Prometheus 3 takes any UTF-8 label name, quoted
        } else if (t.kind().canBeLabelName()) {
            name = t.text();
        } else {
            throw unexpected(t, GROUPING, "label");
        }
        if (name.isEmpty()) {
            throw error(t.pos(), "invalid label name for grouping: " + GoStrings.quote(name));
        }
        return name;
    }

    // Selectors.

    /**
     * A selector starting at {@code start}; when {@code braces} is set the left brace has been
     * consumed and the matchers follow. Its validity is checked by {@link Checker}, after parsing,
     * as in Prometheus.
     */
    private VectorSelector selector(String name, int start, boolean braces) {
        List<LabelMatcher> matchers = new ArrayList<>();
        int end = braces ? labelMatchers(matchers) : start + name.length();
        if (name != null) {
            matchers.add(LabelMatcher.equal(Labels.METRIC_NAME, name));
        }
        return new VectorSelector(name, matchers, new PositionRange(start, end));
    }

    /** Reads matchers up to and including the right brace; returns the index after it. */
    private int labelMatchers(List<LabelMatcher> out) {
        Token t = next();
        while (t.kind() != TokenKind.RIGHT_BRACE) {
            matcher(t, out);
            t = next();
            if (t.kind() == TokenKind.RIGHT_BRACE) {
                break;
            }
            if (t.kind() != TokenKind.COMMA) {
                throw unexpected(t, LABEL_MATCHING, "\",\" or \"}\"");
            }
            t = next(); // a trailing comma is allowed
        }
        return t.end();
    }

    /** One matcher starting with {@code first}: {@code name op "value"}, or a quoted metric name alone. */
    private void matcher(Token first, List<LabelMatcher> out) {
        String name;
        if (first.kind() == TokenKind.IDENTIFIER) {
            name = first.text();
        } else if (first.kind() == TokenKind.STRING) {
            name = first.value();
            if (!peek().kind().isMatchOperator()) {
                // {"my.metric"} names the metric.
                out.add(newMatcher(first, Labels.METRIC_NAME, MatchType.EQUAL, name));
                return;
            }
        } else {
            throw unexpected(first, LABEL_MATCHING, "identifier or \"}\"");
        }
        Token op = next();
        if (!op.kind().isMatchOperator()) {
            throw unexpected(op, LABEL_MATCHING, "label matching operator");
        }
        Token value = next();
        if (value.kind() != TokenKind.STRING) {
            throw unexpected(value, LABEL_MATCHING, "string");
        }
        out.add(newMatcher(first, name, matchType(op.kind()), value.value()));
    }

    private LabelMatcher newMatcher(Token at, String name, MatchType type, String value) {
        try {
            return LabelMatcher.of(name, type, value);
        } catch (IllegalArgumentException e) {
            throw error(at.pos(), e.getMessage());
        }
    }

    private static MatchType matchType(TokenKind kind) {
        return switch (kind) {
            case EQL -> MatchType.EQUAL;
            case NEQ -> MatchType.NOT_EQUAL;
            case EQL_REGEX -> MatchType.REGEX;
            case NEQ_REGEX -> MatchType.NOT_REGEX;
            default -> throw new IllegalArgumentException("not a match operator: " + kind);
        };
    }

    // Postfix modifiers: ranges, subqueries, offset, @, anchored, smoothed.

    private Expr postfix(Expr e) {
        for (;;) {
            switch (peek().kind()) {
                case LEFT_BRACKET -> e = rangeOrSubquery(e);
                case OFFSET -> e = offset(e);
                case AT -> e = at(e);
                case ANCHORED, SMOOTHED -> e = extension(e, next());
                default -> {
                    return e;
                }
            }
        }
    }

    private Expr rangeOrSubquery(Expr e) {
        Token open = next();
        Expr range = positiveDuration(RANGE_CONTEXT, RANGE_EXPECTED);
        Token t = next();
        if (t.kind() == TokenKind.RIGHT_BRACKET) {
            String problem = null;
            if (!(e instanceof VectorSelector vs)) {
                problem = "ranges only allowed for vector selectors";
            } else if (vs.hasOffset()) {
                problem = "no offset modifiers allowed before range";
            } else if (vs.at() != null) {
                problem = "no @ modifiers allowed before range";
            }
            if (problem != null) {
                throw error(open.pos(), problem);
            }
            return new MatrixSelector((VectorSelector) e, literalMillis(range), durationExpr(range),
                    new PositionRange(e.position().start(), t.end()));
        }
        if (t.kind() != TokenKind.COLON) {
            throw unexpected(t, "subquery or range", "\":\" or \"]\"");
        }
        Expr step = null;
        if (!accept(TokenKind.RIGHT_BRACKET)) {
            step = positiveDuration(STEP_CONTEXT, STEP_EXPECTED);
            Token close = next();
            if (close.kind() != TokenKind.RIGHT_BRACKET) {
                throw unexpected(close, STEP_CONTEXT, "\"]\"");
            }
        }
        return new SubqueryExpr(e, literalMillis(range), durationExpr(range), step == null ? 0 : literalMillis(step),
                step == null ? null : durationExpr(step), 0, null, null,
                new PositionRange(e.position().start(), lastEnd));
    }

    private Expr offset(Expr e) {
        next(); // offset
        Expr d = offsetDuration();
        long ms = literalMillis(d);
        DurationExpr expr = durationExpr(d);
        int end = lastEnd;
        if (e instanceof VectorSelector vs) {
            checkOffsetUnset(e, vs.hasOffset());
            return vs.withOffset(ms, expr, end);
        }
        if (e instanceof MatrixSelector ms2) {
            checkOffsetUnset(e, ms2.selector().hasOffset());
            return ms2.withSelector(ms2.selector().withOffset(ms, expr, ms2.selector().position().end()), end);
        }
        if (e instanceof SubqueryExpr sq) {
            checkOffsetUnset(e, sq.hasOffset());
            return sq.withOffset(ms, expr, end);
        }
        throw error(e.position().start(),
                "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    }

    private void checkOffsetUnset(Expr e, boolean set) {
        if (set) {
            throw error(e.position().start(), "offset may not be set multiple times");
        }
    }

    private Expr at(Expr e) {
        next(); // @
        Token t = next();
        AtModifier at;
        switch (t.kind()) {
            case START, END -> {
                expect(TokenKind.LEFT_PAREN, "@", "timestamp");
                expect(TokenKind.RIGHT_PAREN, "@", "timestamp");
                at = t.kind() == TokenKind.START ? AtModifier.START : AtModifier.END;
            }
            case ADD, SUB, NUMBER, DURATION -> {
                double sign = 1;
                if (t.kind() == TokenKind.ADD || t.kind() == TokenKind.SUB) {
                    sign = t.kind() == TokenKind.SUB ? -1 : 1;
                    t = next();
                }
                double seconds;
                if (t.kind() == TokenKind.NUMBER) {
                    seconds = sign * number(t);
                } else if (t.kind() == TokenKind.DURATION) {
                    seconds = sign * durationSeconds(t);
                } else {
                    throw unexpected(t, "@", "timestamp");
                }
                if (Double.isNaN(seconds) || seconds >= 0x1p63 || seconds <= -0x1p63) {
                    throw error(e.position().start(),
                            "timestamp out of bounds for @ modifier: " + GoNumbers.formatFixed6(seconds));
                }
                at = AtModifier.timestamp((long) GoNumbers.round(seconds * 1000));
            }
            default -> throw unexpected(t, "@", "timestamp");
        }
        int end = lastEnd;
        if (e instanceof VectorSelector vs) {
            checkAtUnset(e, vs.at());
            return vs.withAt(at, end);
        }
        if (e instanceof MatrixSelector ms) {
            checkAtUnset(e, ms.selector().at());
            return ms.withSelector(ms.selector().withAt(at, ms.selector().position().end()), end);
        }
        if (e instanceof SubqueryExpr sq) {
            checkAtUnset(e, sq.at());
            return sq.withAt(at, end);
        }
        throw error(e.position().start(),
                "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    }

    private void checkAtUnset(Expr e, AtModifier at) {
        if (at != null) {
            throw error(e.position().start(), "@ <timestamp> may not be set multiple times");
        }
    }

    private Expr extension(Expr e, Token modifier) {
        String name = modifier.kind().text();
        if (!options.extendedRangeSelectors()) {
            throw error(e.position().start(), name + " modifier is experimental and not enabled");
        }
        VectorSelector.Extension ext = modifier.kind() == TokenKind.ANCHORED
                ? VectorSelector.Extension.ANCHORED : VectorSelector.Extension.SMOOTHED;
        if (e instanceof VectorSelector vs) {
            checkExtensionCompatible(e, vs, ext);
            return vs.withExtension(ext);
        }
        if (e instanceof MatrixSelector ms) {
            checkExtensionCompatible(e, ms.selector(), ext);
            return new MatrixSelector(ms.selector().withExtension(ext), ms.rangeMs(), ms.rangeExpr(), ms.position());
        }
        if (e instanceof SubqueryExpr) {
            throw error(e.position().start(), name + " modifier is not supported for subqueries");
        }
        throw error(e.position().start(), name + " modifier not implemented");
    }

    private void checkExtensionCompatible(Expr e, VectorSelector vs, VectorSelector.Extension ext) {
        if (vs.extension() != VectorSelector.Extension.NONE && vs.extension() != ext) {
            throw error(e.position().start(), "anchored and smoothed modifiers cannot be used together");
        }
    }

    // Durations: literals and the experimental duration expressions.

    /** A range or subquery step; a literal must be positive. */
    private Expr positiveDuration(String context, String expected) {
        durationContext = context;
        durationExpected = expected;
        Expr d = durationExpression(0);
        if (d instanceof NumberLiteral n && n.value() <= 0) {
            throw error(n.position().start(), "duration must be greater than 0");
        }
        return d;
    }

    /**
     * The duration after {@code offset}. Unlike in brackets, operators after a literal, a
     * {@code step()}, {@code range()}, {@code min_of}/{@code max_of} call or a signed parenthesis
     * belong to the enclosing query ({@code x offset 5m * 2} multiplies the selector), as in
     * Prometheus' grammar; a bare parenthesis continues as a duration expression there.
     */
    private Expr offsetDuration() {
        durationContext = OFFSET_CONTEXT;
        durationExpected = RANGE_EXPECTED;
        Token t = peek();
        if (t.kind() == TokenKind.ADD || t.kind() == TokenKind.SUB) {
            next();
            Token u = peek();
            Expr operand;
            if (isDurationAtom(u) || u.kind() == TokenKind.LEFT_PAREN) {
                operand = durationPrimary();
            } else {
                // Only reachable as a general duration expression, which continues with operators.
                operand = durationExpression(Operator.POW_PRECEDENCE);
                return durationContinuation(applySign(t, operand), 0);
            }
            return applySign(t, operand);
        }
        if (isDurationAtom(t)) {
            return durationPrimary();
        }
        if (t.kind() == TokenKind.LEFT_PAREN) {
            return durationContinuation(durationPrimary(), 0);
        }
        throw unexpected(next(), durationContext, durationExpected);
    }

    private static boolean isDurationAtom(Token t) {
        return switch (t.kind()) {
            case NUMBER, DURATION, STEP, RANGE, MIN_OF, MAX_OF -> true;
            case IDENTIFIER -> isMinMaxName(t.text());
            default -> false;
        };
    }

    private static boolean isMinMaxName(String s) {
        return s.equalsIgnoreCase("min_of") || s.equalsIgnoreCase("max_of");
    }

    /** Binary duration operations binding at least as tightly as {@code minPrecedence}. */
    private Expr durationExpression(int minPrecedence) {
        return durationContinuation(durationUnary(), minPrecedence);
    }

    private Expr durationContinuation(Expr lhs, int minPrecedence) {
        for (;;) {
            Token t = peek();
            DurationExpr.Op op = DurationExpr.binary(t.kind());
            Operator precedence = Operator.of(t.kind());
            if (op == null || precedence.precedence() < minPrecedence) {
                return lhs;
            }
            next();
            Expr rhs = durationExpression(precedence.rightAssociative() ? precedence.precedence()
                    : precedence.precedence() + 1);
            requireDurationExpressions(lhs.position().start());
            if ((op == DurationExpr.Op.DIV || op == DurationExpr.Op.MOD) && rhs instanceof NumberLiteral n
                    && n.value() == 0) {
                throw error(t.pos(), op == DurationExpr.Op.DIV ? "division by zero" : "modulo by zero");
            }
            lhs = new DurationExpr(op, lhs, rhs, false,
                    new PositionRange(lhs.position().start(), rhs.position().end()));
        }
    }

    private Expr durationUnary() {
        Token t = peek();
        if (t.kind() != TokenKind.ADD && t.kind() != TokenKind.SUB) {
            return durationPrimary();
        }
        next();
        return applySign(t, durationExpression(Operator.POW_PRECEDENCE));
    }

    /** A sign on a duration: folded into a literal, an operation on an expression ('+' is dropped). */
    private Expr applySign(Token sign, Expr operand) {
        boolean negative = sign.kind() == TokenKind.SUB;
        if (operand instanceof NumberLiteral n) {
            double v = negative ? -n.value() : n.value();
            if (v > MAX_DURATION_SECONDS || v < -MAX_DURATION_SECONDS) {
                throw error(sign.pos(), "duration out of range");
            }
            return new NumberLiteral(v, n.duration(), new PositionRange(sign.pos(), n.position().end()));
        }
        if (!negative) {
            return operand;
        }
        return new DurationExpr(DurationExpr.Op.SUB, null, operand, false,
                new PositionRange(sign.pos(), operand.position().end()));
    }

    private Expr durationPrimary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER, DURATION -> {
                double v = t.kind() == TokenKind.NUMBER ? number(t) : durationSeconds(t);
                if (v > MAX_DURATION_SECONDS || v < -MAX_DURATION_SECONDS) {
                    throw error(t.pos(), "duration out of range");
                }
                return new NumberLiteral(v, t.kind() == TokenKind.DURATION, range(t));
            }
            case STEP, RANGE -> {
                durationExpect(TokenKind.LEFT_PAREN);
                Token close = durationExpect(TokenKind.RIGHT_PAREN);
                requireDurationExpressions(t.pos());
                return new DurationExpr(t.kind() == TokenKind.STEP ? DurationExpr.Op.STEP : DurationExpr.Op.RANGE,
                        null, null, false, new PositionRange(t.pos(), close.end()));
            }
            case MIN_OF, MAX_OF, IDENTIFIER -> {
                if (t.kind() == TokenKind.IDENTIFIER && !isMinMaxName(t.text())) {
                    break;
                }
                boolean min = t.kind() == TokenKind.MIN_OF || t.text().equalsIgnoreCase("min_of");
                durationExpect(TokenKind.LEFT_PAREN);
                Expr a = durationExpression(0);
                durationExpect(TokenKind.COMMA);
                Expr b = durationExpression(0);
                Token close = durationExpect(TokenKind.RIGHT_PAREN);
                requireDurationExpressions(t.pos());
                return new DurationExpr(min ? DurationExpr.Op.MIN_OF : DurationExpr.Op.MAX_OF, a, b, false,
                        new PositionRange(t.pos(), close.end()));
            }
            case LEFT_PAREN -> {
                Expr inner = durationExpression(0);
                Token close = durationExpect(TokenKind.RIGHT_PAREN);
                requireDurationExpressions(inner.position().start());
                PositionRange where = new PositionRange(t.pos(), close.end());
                // A literal in parentheses is wrapped in a unary '+' so that it prints back with them.
                return inner instanceof DurationExpr d ? d.wrap(where)
                        : new DurationExpr(DurationExpr.Op.ADD, null, inner, true, where);
            }
            default -> {
                // handled below
            }
        }
        throw unexpected(t, durationContext, durationExpected);
    }

    private Token durationExpect(TokenKind kind) {
        return expect(kind, durationContext, durationExpected);
    }

    private void requireDurationExpressions(int pos) {
        if (!options.durationExpressions()) {
            throw error(pos, "experimental duration expression is not enabled");
        }
    }

    /** Milliseconds of a literal duration, 0 for an expression. */
    private static long literalMillis(Expr d) {
        return d instanceof NumberLiteral n ? Durations.secondsToMillis(n.value()) : 0;
    }

    private static DurationExpr durationExpr(Expr d) {
        return d instanceof DurationExpr de ? de : null;
    }

    // Literals.

    private double durationSeconds(Token t) {
        try {
            return Durations.seconds(Durations.parseNanos(t.text()));
        } catch (Durations.DurationException e) {
            throw error(t.pos(), e.getMessage());
        }
    }

    /**
     * The value of a number token as Prometheus computes it: an integer as Go's
     * {@code ParseInt(s, 0, 64)} reads it (so {@code 0x1f} and octal {@code 0755}), else a float.
     */
    private double number(Token t) {
        String s = t.text();
        if (s.equalsIgnoreCase("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (s.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (s.indexOf('_') >= 0) {
            if (!underscoresOk(s)) {
                throw badNumber(t, "invalid syntax");
            }
            s = s.replace("_", "");
        }
        Long asInt = parseInteger(s);
        if (asInt != null) {
            return asInt;
        }
        if (!DECIMAL_FLOAT.matcher(s).matches()) {
            throw badNumber(t, "invalid syntax");
        }
        double v = Double.parseDouble(s);
        if (Double.isInfinite(v)) {
            throw badNumber(t, "value out of range");
        }
        return v;
    }

    private ParseException badNumber(Token t, String why) {
        return error(t.pos(), "error parsing number: strconv.ParseFloat: parsing " + GoStrings.quote(t.text())
                + ": " + why);
    }

    /** An int64 in hexadecimal, octal (leading zero) or decimal; null if not one or out of range. */
    private static Long parseInteger(String s) {
        int radix = 10;
        String digits = s;
        if (s.length() > 1 && s.charAt(0) == '0') {
            if (s.charAt(1) == 'x' || s.charAt(1) == 'X') {
                radix = 16;
                digits = s.substring(2);
            } else {
                radix = 8;
                digits = s.substring(1);
            }
        }
        if (digits.isEmpty()) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return null;
            }
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            return null; // out of range: parsed as a float instead
        }
    }

    /** Go's rule: an underscore only between digits, or between a base prefix and a digit. */
    private static boolean underscoresOk(String s) {
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0' && "xXoObB".indexOf(s.charAt(1)) >= 0) {
            hex = s.charAt(1) == 'x' || s.charAt(1) == 'X';
            i = 2;
            saw = '0';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isDigit(c) || (hex && Character.digit(c, 16) >= 0)) {
                saw = '0';
            } else if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
            } else {
                if (saw == '_') {
                    return false;
                }
                saw = '!';
            }
        }
        return saw != '_';
    }

    // Errors and token handling.

    /** An unexpected token where Prometheus' grammar has no specific error rule. */
    private ParseException unexpected(Token t) {
        return unexpected(t, aggregationDepth > 0 ? "aggregation" : null, null);
    }

    private ParseException unexpected(Token t, String context, String expected) {
        StringBuilder sb = new StringBuilder("unexpected ").append(t.describe());
        if (context != null) {
            sb.append(" in ").append(context);
        }
        if (expected != null) {
            sb.append(", expected ").append(expected);
        }
        return error(t.pos(), sb.toString());
    }

    private ParseException error(int pos, String reason) {
        return new ParseException(input, pos, reason);
    }

    private static PositionRange range(Token t) {
        return new PositionRange(t.pos(), t.end());
    }

    private Token expect(TokenKind kind, String context, String expected) {
        Token t = next();
        if (t.kind() != kind) {
            throw unexpected(t, context, expected);
        }
        return t;
    }

    private Token expectGeneric(TokenKind kind) {
        Token t = next();
        if (t.kind() != kind) {
            throw unexpected(t);
        }
        return t;
    }

    private boolean accept(TokenKind kind) {
        if (peek().kind() == kind) {
            next();
            return true;
        }
        return false;
    }

    private Token peek() {
        if (lookahead == null) {
            lookahead = lexer.next();
        }
        return lookahead;
    }

    private Token next() {
        Token t = peek();
        lookahead = null;
        lastEnd = t.end();
        return t;
    }
}
