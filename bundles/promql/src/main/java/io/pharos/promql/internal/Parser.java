package io.pharos.promql.internal;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser for PromQL. This slice understands number and string literals
 * (with unary signs on numbers) and instant vector selectors; every other construct is recognised
 * far enough to be rejected with a "not supported yet" parse error at its position. Errors follow
 * Prometheus' wording and positions where the syntax is supported.
 */
final class Parser {
    private static final String LABEL_MATCHING = "label matching";
    private static final Pattern DECIMAL_FLOAT =
            Pattern.compile("(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private final Lexer lexer;
    private Token lookahead;

    private Parser(String query) {
        this.lexer = new Lexer(query);
    }

    /** Parses a whole query. */
    static Expr parse(String query) {
        return new Parser(query).parseQuery();
    }

    private Expr parseQuery() {
        if (peek().kind() == TokenKind.EOF) {
            throw error(0, "no expression found in input");
        }
        Expr expr = unary();
        Token t = peek();
        if (t.kind() != TokenKind.EOF) {
            throw trailing(t, expr);
        }
        return expr;
    }

    private Expr unary() {
        Token t = peek();
        if (t.kind() != TokenKind.ADD && t.kind() != TokenKind.SUB) {
            return primary();
        }
        next();
        Expr operand = unary();
        if (operand instanceof NumberLiteral n) {
            // Prometheus folds a sign into the literal: -1 is a number, not an operation.
            double v = t.kind() == TokenKind.SUB ? -n.value() : n.value();
            return new NumberLiteral(v, new PositionRange(t.pos(), n.position().end()));
        }
        if (operand instanceof StringLiteral) {
            throw error(t.pos(), "unary expression only allowed on expressions of type scalar or instant vector, "
                    + "got \"string\"");
        }
        throw error(t.pos(), "unary operators are not supported yet");
    }

    private Expr primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new NumberLiteral(number(t), range(t));
            case STRING:
                return new StringLiteral(t.value(), range(t));
            case LEFT_BRACE:
                return selector(null, t.pos(), true);
            case LEFT_PAREN:
                throw error(t.pos(), "parenthesized expressions are not supported yet");
            default:
                break;
        }
        if (!t.kind().canBeMetricName()) {
            throw unexpected(t, null, null);
        }
        Token after = peek();
        boolean aggregator = t.kind().category() == TokenKind.Category.AGGREGATOR;
        if (aggregator && (after.kind() == TokenKind.LEFT_PAREN || after.kind() == TokenKind.BY
                || after.kind() == TokenKind.WITHOUT)) {
            throw error(t.pos(), "aggregations are not supported yet");
        }
        if (t.kind() == TokenKind.IDENTIFIER && after.kind() == TokenKind.LEFT_PAREN) {
            throw error(t.pos(), "function calls are not supported yet");
        }
        if (after.kind() == TokenKind.LEFT_BRACE) {
            next();
            return selectorWithName(t, true);
        }
        return selectorWithName(t, false);
    }

    private VectorSelector selectorWithName(Token name, boolean braces) {
        return selector(name.text(), name.pos(), braces);
    }

    /**
     * A selector starting at {@code start}; when {@code braces} is set the left brace has been
     * consumed and the matchers follow.
     */
    private VectorSelector selector(String name, int start, boolean braces) {
        List<LabelMatcher> matchers = new ArrayList<>();
        int end = braces ? labelMatchers(matchers) : start + name.length();
        PositionRange pos = new PositionRange(start, end);
        if (name != null) {
            for (LabelMatcher m : matchers) {
                if (m.name().equals(Labels.METRIC_NAME)) {
                    throw error(start, "metric name must not be set twice: " + GoStrings.quote(name) + " or "
                            + GoStrings.quote(m.value()));
                }
            }
            matchers.add(LabelMatcher.equal(Labels.METRIC_NAME, name));
        } else if (matchers.stream().allMatch(LabelMatcher::matchesEmpty)) {
            // Guards against selecting every series by a typo.
            throw error(start, "vector selector must contain at least one non-empty matcher");
        }
        return new VectorSelector(name, matchers, pos);
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
        return t.pos() + 1;
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

    /** The error for a token after a complete expression. */
    private ParseException trailing(Token t, Expr expr) {
        if (t.kind().isBinaryOperator()) {
            return error(t.pos(), "binary operators are not supported yet");
        }
        return switch (t.kind()) {
            case LEFT_BRACKET -> error(t.pos(), "range selectors and subqueries are not supported yet");
            case OFFSET -> error(t.pos(), "offset modifiers are not supported yet");
            case AT -> error(t.pos(), "@ modifiers are not supported yet");
            case SMOOTHED, ANCHORED -> error(t.pos(), t.kind().text() + " modifiers are not supported yet");
            default -> unexpected(t, null, null);
        };
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
        return new ParseException(lexer.input(), pos, reason);
    }

    private static PositionRange range(Token t) {
        return new PositionRange(t.pos(), t.pos() + t.text().length());
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
        return t;
    }
}
