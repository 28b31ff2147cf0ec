package io.pharos.promql.internal;

/**
 * The binary operators with their precedence, lowest binding first: {@code or}; {@code and unless};
 * comparisons and the histogram trim operators {@code </ >/}; {@code + -}; {@code * / % atan2};
 * {@code ^}. All are left-associative except {@code ^}. {@code +} and {@code -} are also the unary
 * operators.
 */
enum Operator {
    LOR("or", 1),
    LAND("and", 2),
    LUNLESS("unless", 2),
    EQLC("==", 3),
    NEQ("!=", 3),
    LTE("<=", 3),
    LSS("<", 3),
    GTE(">=", 3),
    GTR(">", 3),
    // Trim observations above / below a threshold from native histograms. Not comparisons (no
    // bool, no filtering); they sit at the comparison level, from which they were derived.
    TRIM_UPPER("</", 3),
    TRIM_LOWER(">/", 3),
    ADD("+", 4),
    SUB("-", 4),
    MUL("*", 5),
    DIV("/", 5),
    MOD("%", 5),
    ATAN2("atan2", 5),
    POW("^", 6);

    /** The precedence of {@code ^}, which is also what the operand of a unary operator may contain. */
    static final int POW_PRECEDENCE = 6;

    private final String text;
    private final int precedence;

    Operator(String text, int precedence) {
        this.text = text;
        this.precedence = precedence;
    }

    String text() {
        return text;
    }

    int precedence() {
        return precedence;
    }

    boolean rightAssociative() {
        return this == POW;
    }

    boolean isComparison() {
        return precedence == 3 && this != TRIM_UPPER && this != TRIM_LOWER;
    }

    boolean isSetOperator() {
        return this == LAND || this == LOR || this == LUNLESS;
    }

    /** The operator a token stands for, or null. */
    static Operator of(TokenKind kind) {
        return switch (kind) {
            case LOR -> LOR;
            case LAND -> LAND;
            case LUNLESS -> LUNLESS;
            case EQLC -> EQLC;
            case NEQ -> NEQ;
            case LTE -> LTE;
            case LSS -> LSS;
            case GTE -> GTE;
            case GTR -> GTR;
            case TRIM_UPPER -> TRIM_UPPER;
            case TRIM_LOWER -> TRIM_LOWER;
            case ADD -> ADD;
            case SUB -> SUB;
            case MUL -> MUL;
            case DIV -> DIV;
            case MOD -> MOD;
            case ATAN2 -> ATAN2;
            case POW -> POW;
            default -> null;
        };
    }
}
