package io.pharos.promql.internal;

import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MatchType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders parsed queries as Prometheus does: {@link #format} like {@code /api/v1/format_query}
 * (Prometheus' {@code Pretty}: one line, or split and indented when longer than 100 bytes) and
 * {@link #toString(Expr)} like Prometheus' single-line {@code String()}. Spacing is canonical
 * ({@code sum by (job) (rate(x[5m]))}, {@code a / on (b) group_left () c}), numbers and durations
 * print in their shortest form ({@code 90m} as {@code 1h30m}), and matchers are sorted.
 */
final class PromQLPrinter {
    private static final int MAX_LINE = 100;
    private static final String INDENT = "  ";

    private PromQLPrinter() {
    }

    /** The query as {@code /api/v1/format_query} returns it. */
    static String format(Expr e) {
        StringBuilder sb = new StringBuilder();
        pretty(sb, e, 0);
        return sb.toString();
    }

    /** The query on one line, as Prometheus' {@code String()} renders it. */
    static String toString(Expr e) {
        StringBuilder sb = new StringBuilder(64);
        write(sb, e, Integer.MAX_VALUE);
        return sb.toString();
    }

    // Pretty printing: a node whose one-line form is too long puts its children on their own lines.

    private static void pretty(StringBuilder sb, Expr e, int level) {
        if (e instanceof SubqueryExpr s) {
            // Prometheus does not indent an unsplit subquery.
            if (!needsSplit(e)) {
                write(sb, e);
            } else {
                pretty(sb, s.expr(), level);
                subquerySuffix(sb, s);
            }
            return;
        }
        if (e instanceof UnaryExpr u) {
            StringBuilder child = new StringBuilder();
            pretty(child, u.expr(), level);
            indent(sb, level).append(u.op().text()).append(child.toString().strip());
            return;
        }
        if (e instanceof BinaryExpr b && needsSplit(e)) {
            prettyBinary(sb, b, level);
            return;
        }
        indent(sb, level);
        if (!needsSplit(e)) {
            write(sb, e);
        } else if (e instanceof AggregateExpr a) {
            aggregateOp(sb, a);
            sb.append("(\n");
            if (a.param() != null) {
                pretty(sb, a.param(), level + 1);
                sb.append(",\n");
            }
            pretty(sb, a.expr(), level + 1);
            sb.append('\n');
            indent(sb, level).append(')');
        } else if (e instanceof Call c) {
            sb.append(c.function().name()).append("(\n");
            for (int i = 0; i < c.args().size(); i++) {
                if (i > 0) {
                    sb.append(",\n");
                }
                pretty(sb, c.args().get(i), level + 1);
            }
            sb.append('\n');
            indent(sb, level).append(')');
        } else if (e instanceof ParenExpr p) {
            sb.append("(\n");
            pretty(sb, p.expr(), level + 1);
            sb.append('\n');
            indent(sb, level).append(')');
        } else {
            write(sb, e); // selectors and literals are never split
        }
    }

    /**
     * A split binary operation: its left operand one level deeper, the operator on a line of its
     * own, then the right operand. Left-nested chains split from the top down to the first operation
     * short enough for one line; that is done in a loop, as chains may be thousands long.
     */
    private static void prettyBinary(StringBuilder sb, BinaryExpr top, int level) {
        List<BinaryExpr> spine = new ArrayList<>();
        Expr e = top;
        while (e instanceof BinaryExpr b && needsSplit(b)) {
            spine.add(b);
            e = b.lhs();
        }
        pretty(sb, e, level + spine.size());
        for (int i = spine.size() - 1; i >= 0; i--) {
            BinaryExpr b = spine.get(i);
            int l = level + i;
            sb.append('\n');
            indent(sb, l).append(b.op().text());
            binaryModifiers(sb, b);
            sb.append('\n');
            pretty(sb, b.rhs(), l + 1);
        }
    }

    /** Prometheus measures the one-line form in bytes; only the first 101 characters are needed. */
    private static boolean needsSplit(Expr e) {
        StringBuilder sb = new StringBuilder(MAX_LINE + 16);
        write(sb, e, MAX_LINE);
        return sb.length() > MAX_LINE || sb.toString().getBytes(StandardCharsets.UTF_8).length > MAX_LINE;
    }

    private static StringBuilder indent(StringBuilder sb, int level) {
        for (int i = 0; i < level; i++) {
            sb.append(INDENT);
        }
        return sb;
    }

    // One-line rendering.

    private static void write(StringBuilder sb, Expr e) {
        write(sb, e, Integer.MAX_VALUE);
    }

    /** Writes {@code e}, stopping early once the text is longer than {@code limit}. */
    private static void write(StringBuilder sb, Expr e, int limit) {
        if (sb.length() > limit) {
            return;
        }
        if (e instanceof NumberLiteral n) {
            number(sb, n);
        } else if (e instanceof StringLiteral s) {
            sb.append(GoStrings.quote(s.value()));
        } else if (e instanceof VectorSelector v) {
            selector(sb, v, true);
        } else if (e instanceof MatrixSelector m) {
            matrix(sb, m);
        } else if (e instanceof SubqueryExpr s) {
            write(sb, s.expr(), limit);
            subquerySuffix(sb, s);
        } else if (e instanceof ParenExpr p) {
            sb.append('(');
            write(sb, p.expr(), limit);
            sb.append(')');
        } else if (e instanceof UnaryExpr u) {
            sb.append(u.op().text());
            write(sb, u.expr(), limit);
        } else if (e instanceof BinaryExpr b) {
            writeBinary(sb, b, limit);
        } else if (e instanceof AggregateExpr a) {
            aggregateOp(sb, a);
            sb.append('(');
            if (a.param() != null) {
                write(sb, a.param(), limit);
                sb.append(", ");
            }
            write(sb, a.expr(), limit);
            sb.append(')');
        } else if (e instanceof Call c) {
            sb.append(c.function().name()).append('(');
            for (int i = 0; i < c.args().size() && sb.length() <= limit; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                write(sb, c.args().get(i), limit);
            }
            sb.append(')');
        } else if (e instanceof DurationExpr d) {
            duration(sb, d);
        }
    }

    /** {@code lhs op rhs}; left-nested chains in a loop rather than by recursion. */
    private static void writeBinary(StringBuilder sb, BinaryExpr top, int limit) {
        List<BinaryExpr> spine = new ArrayList<>();
        Expr e = top;
        while (e instanceof BinaryExpr b) {
            spine.add(b);
            e = b.lhs();
        }
        write(sb, e, limit);
        for (int i = spine.size() - 1; i >= 0 && sb.length() <= limit; i--) {
            BinaryExpr b = spine.get(i);
            sb.append(' ').append(b.op().text());
            binaryModifiers(sb, b);
            sb.append(' ');
            write(sb, b.rhs(), limit);
        }
    }

    private static void number(StringBuilder sb, NumberLiteral n) {
        if (!n.duration()) {
            sb.append(GoNumbers.formatF(n.value()));
            return;
        }
        double v = n.value();
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        // Prometheus converts seconds to nanoseconds by truncation, then prints milliseconds.
        sb.append(Durations.format((long) (v * 1e9) / 1_000_000L));
    }

    /** {@code sum}, {@code sum by (a, b) }, {@code sum without () }: the part before the arguments. */
    private static void aggregateOp(StringBuilder sb, AggregateExpr a) {
        sb.append(a.op().text());
        if (a.without()) {
            sb.append(" without (");
            labelList(sb, a.grouping());
            sb.append(") ");
        } else if (!a.grouping().isEmpty()) {
            sb.append(" by (");
            labelList(sb, a.grouping());
            sb.append(") ");
        }
    }

    private static void binaryModifiers(StringBuilder sb, BinaryExpr b) {
        if (b.returnBool()) {
            sb.append(" bool");
        }
        VectorMatching vm = b.matching();
        if (vm == null) {
            return;
        }
        boolean grouped = vm.card() == VectorMatching.Cardinality.MANY_TO_ONE
                || vm.card() == VectorMatching.Cardinality.ONE_TO_MANY;
        if (!vm.labels().isEmpty() || vm.on() || grouped) {
            sb.append(vm.on() ? " on (" : " ignoring (");
            labelList(sb, vm.labels());
            sb.append(')');
        }
        if (grouped) {
            sb.append(vm.card() == VectorMatching.Cardinality.MANY_TO_ONE ? " group_left (" : " group_right (");
            labelList(sb, vm.include());
            sb.append(')');
        }
        if (vm.fillLeft() != null && vm.fillLeft().equals(vm.fillRight())) {
            sb.append(" fill (").append(GoNumbers.formatV(vm.fillLeft())).append(')');
        } else {
            if (vm.fillLeft() != null) {
                sb.append(" fill_left (").append(GoNumbers.formatV(vm.fillLeft())).append(')');
            }
            if (vm.fillRight() != null) {
                sb.append(" fill_right (").append(GoNumbers.formatV(vm.fillRight())).append(')');
            }
        }
    }

    /** Label names, quoted where they are not classic identifiers. */
    private static void labelList(StringBuilder sb, List<String> labels) {
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String l = labels.get(i);
            sb.append(isLegacyLabelName(l) ? l : GoStrings.quote(l));
        }
    }

    /**
     * {@code name{matchers} @ t anchored offset o}; the name's own matcher is left out and the
     * others are sorted. With {@code modifiers} false, only the name and matchers.
     */
    private static void selector(StringBuilder sb, VectorSelector v, boolean modifiers) {
        List<String> matchers = new ArrayList<>(v.matchers().size());
        for (LabelMatcher m : v.matchers()) {
            if (m.name().equals(Labels.METRIC_NAME) && m.type() == MatchType.EQUAL && m.value().equals(v.name())
                    && !m.value().isEmpty()) {
                continue;
            }
            matchers.add(matcher(m));
        }
        if (v.name() != null) {
            sb.append(v.name());
        }
        if (!matchers.isEmpty()) {
            matchers.sort(PromQLPrinter::compareUtf8);
            sb.append('{').append(String.join(",", matchers)).append('}');
        }
        if (!modifiers) {
            return;
        }
        at(sb, v.at());
        extension(sb, v.extension());
        offset(sb, v.offsetMs(), v.offsetExpr());
    }

    /** A matcher as Prometheus prints it: {@code name="value"}, the name quoted when it must be. */
    private static String matcher(LabelMatcher m) {
        String name = isLegacyLabelName(m.name()) ? m.name() : GoStrings.quote(m.name());
        return name + m.type().symbol() + GoStrings.quote(m.value());
    }

    private static void matrix(StringBuilder sb, MatrixSelector m) {
        VectorSelector v = m.selector();
        selector(sb, v, false);
        sb.append('[');
        range(sb, m.rangeMs(), m.rangeExpr());
        sb.append(']');
        extension(sb, v.extension());
        at(sb, v.at());
        offset(sb, v.offsetMs(), v.offsetExpr());
    }

    private static void subquerySuffix(StringBuilder sb, SubqueryExpr s) {
        sb.append('[');
        range(sb, s.rangeMs(), s.rangeExpr());
        sb.append(':');
        if (s.stepMs() != 0) {
            sb.append(Durations.format(s.stepMs()));
        } else if (s.stepExpr() != null) {
            duration(sb, s.stepExpr());
        }
        sb.append(']');
        at(sb, s.at());
        offset(sb, s.offsetMs(), s.offsetExpr());
    }

    private static void range(StringBuilder sb, long ms, DurationExpr expr) {
        if (expr != null) {
            duration(sb, expr);
        } else {
            sb.append(Durations.format(ms));
        }
    }

    private static void at(StringBuilder sb, AtModifier at) {
        if (at == null) {
            return;
        }
        switch (at.kind()) {
            case START -> sb.append(" @ start()");
            case END -> sb.append(" @ end()");
            default -> sb.append(" @ ").append(java.math.BigDecimal.valueOf(at.timestampMs(), 3).toPlainString());
        }
    }

    private static void extension(StringBuilder sb, VectorSelector.Extension ext) {
        switch (ext) {
            case ANCHORED -> sb.append(" anchored");
            case SMOOTHED -> sb.append(" smoothed");
            default -> {
                // none
            }
        }
    }

    private static void offset(StringBuilder sb, long ms, DurationExpr expr) {
        if (expr != null) {
            sb.append(" offset ");
            duration(sb, expr);
        } else if (ms > 0) {
            sb.append(" offset ").append(Durations.format(ms));
        } else if (ms < 0) {
            sb.append(" offset -").append(Durations.format(-ms));
        }
    }

    private static void duration(StringBuilder sb, DurationExpr d) {
        if (d.wrapped()) {
            sb.append('(');
        }
        switch (d.op()) {
            case STEP -> sb.append("step()");
            case RANGE -> sb.append("range()");
            case MIN_OF, MAX_OF -> {
                sb.append(d.op() == DurationExpr.Op.MIN_OF ? "min_of(" : "max_of(");
                write(sb, d.lhs());
                sb.append(", ");
                write(sb, d.rhs());
                sb.append(')');
            }
            default -> {
                if (d.lhs() == null) {
                    // Unary: '+' prints as nothing, as in Prometheus.
                    if (d.op() == DurationExpr.Op.SUB) {
                        sb.append('-');
                    }
                    write(sb, d.rhs());
                } else {
                    write(sb, d.lhs());
                    sb.append(' ').append(durationOperator(d.op())).append(' ');
                    write(sb, d.rhs());
                }
            }
        }
        if (d.wrapped()) {
            sb.append(')');
        }
    }

    private static String durationOperator(DurationExpr.Op op) {
        return switch (op) {
            case ADD -> "+";
            case SUB -> "-";
            case MUL -> "*";
            case DIV -> "/";
            case MOD -> "%";
            case POW -> "^";
            default -> throw new IllegalArgumentException("not a binary duration operator: " + op);
        };
    }

    /** Prometheus' legacy label name syntax, {@code [a-zA-Z_][a-zA-Z0-9_]*}; others print quoted. */
    static boolean isLegacyLabelName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Go sorts strings by their UTF-8 bytes, which is code point order. */
    private static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
