package io.pharos.promql.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link Token} is: every token of PromQL as Prometheus 3.x lexes it, including the
 * experimental keywords (fill modifiers, anchored/smoothed, duration-expression functions).
 */
enum TokenKind {
    EOF(Category.OTHER, null),
    IDENTIFIER(Category.OTHER, null),
    /** An identifier containing a colon (only valid as a metric name, e.g. recording rules). */
    METRIC_IDENTIFIER(Category.OTHER, null),
    NUMBER(Category.OTHER, null),
    DURATION(Category.OTHER, null),
    STRING(Category.OTHER, null),

    LEFT_PAREN(Category.PUNCTUATION, "("),
    RIGHT_PAREN(Category.PUNCTUATION, ")"),
    LEFT_BRACE(Category.PUNCTUATION, "{"),
    RIGHT_BRACE(Category.PUNCTUATION, "}"),
    LEFT_BRACKET(Category.PUNCTUATION, "["),
    RIGHT_BRACKET(Category.PUNCTUATION, "]"),
    COMMA(Category.PUNCTUATION, ","),
    EQL(Category.PUNCTUATION, "="),
    COLON(Category.PUNCTUATION, ":"),

    ADD(Category.OPERATOR, "+"),
    SUB(Category.OPERATOR, "-"),
    MUL(Category.OPERATOR, "*"),
    DIV(Category.OPERATOR, "/"),
    MOD(Category.OPERATOR, "%"),
    POW(Category.OPERATOR, "^"),
    EQLC(Category.OPERATOR, "=="),
    NEQ(Category.OPERATOR, "!="),
    LSS(Category.OPERATOR, "<"),
    LTE(Category.OPERATOR, "<="),
    GTR(Category.OPERATOR, ">"),
    GTE(Category.OPERATOR, ">="),
    EQL_REGEX(Category.OPERATOR, "=~"),
    NEQ_REGEX(Category.OPERATOR, "!~"),
    AT(Category.OPERATOR, "@"),
    // Native histogram trim operators (Prometheus 3.11).
    TRIM_UPPER(Category.OPERATOR, "</"),
    TRIM_LOWER(Category.OPERATOR, ">/"),
    LAND(Category.OPERATOR, "and"),
    LOR(Category.OPERATOR, "or"),
    LUNLESS(Category.OPERATOR, "unless"),
    ATAN2(Category.OPERATOR, "atan2"),

    SUM(Category.AGGREGATOR, "sum"),
    AVG(Category.AGGREGATOR, "avg"),
    COUNT(Category.AGGREGATOR, "count"),
    MIN(Category.AGGREGATOR, "min"),
    MAX(Category.AGGREGATOR, "max"),
    GROUP(Category.AGGREGATOR, "group"),
    STDDEV(Category.AGGREGATOR, "stddev"),
    STDVAR(Category.AGGREGATOR, "stdvar"),
    TOPK(Category.AGGREGATOR, "topk"),
    BOTTOMK(Category.AGGREGATOR, "bottomk"),
    COUNT_VALUES(Category.AGGREGATOR, "count_values"),
    QUANTILE(Category.AGGREGATOR, "quantile"),
    LIMITK(Category.AGGREGATOR, "limitk"),
    LIMIT_RATIO(Category.AGGREGATOR, "limit_ratio"),

    OFFSET(Category.KEYWORD, "offset"),
    SMOOTHED(Category.KEYWORD, "smoothed"),
    ANCHORED(Category.KEYWORD, "anchored"),
    BY(Category.KEYWORD, "by"),
    WITHOUT(Category.KEYWORD, "without"),
    ON(Category.KEYWORD, "on"),
    IGNORING(Category.KEYWORD, "ignoring"),
    GROUP_LEFT(Category.KEYWORD, "group_left"),
    GROUP_RIGHT(Category.KEYWORD, "group_right"),
    // Only keywords when followed by '(' (see Lexer), so that existing metrics named fill keep working.
    FILL(Category.KEYWORD, "fill"),
    FILL_LEFT(Category.KEYWORD, "fill_left"),
    FILL_RIGHT(Category.KEYWORD, "fill_right"),
    BOOL(Category.KEYWORD, "bool"),

    // Preprocessors of the @ modifier and duration expressions.
    START(Category.PREPROCESSOR, "start"),
    END(Category.PREPROCESSOR, "end"),
    STEP(Category.PREPROCESSOR, "step"),
    RANGE(Category.PREPROCESSOR, "range"),
    // Functions of duration expressions; keywords only inside brackets, identifiers elsewhere.
    MIN_OF(Category.PREPROCESSOR, "min_of"),
    MAX_OF(Category.PREPROCESSOR, "max_of");

    enum Category { OTHER, PUNCTUATION, OPERATOR, AGGREGATOR, KEYWORD, PREPROCESSOR }

    private static final Map<String, TokenKind> WORDS = new HashMap<>();

    static {
        for (TokenKind k : values()) {
            if (k.text != null && Character.isLetter(k.text.charAt(0)) && k != MIN_OF && k != MAX_OF) {
                WORDS.put(k.text, k);
            }
        }
    }

    private final Category category;
    private final String text;

    TokenKind(Category category, String text) {
        this.category = category;
        this.text = text;
    }

    Category category() {
        return category;
    }

    /** The fixed spelling, or null for tokens whose text varies. */
    String text() {
        return text;
    }

    boolean isMatchOperator() {
        return this == EQL || this == NEQ || this == EQL_REGEX || this == NEQ_REGEX;
    }

    /**
     * Whether a query may use this token as a metric name where a selector is expected, as in
     * Prometheus, where {@code sum}, {@code offset} or {@code and} alone select a metric of that
     * name. Only binary-operation modifiers and {@code atan2} may not.
     */
    boolean canBeMetricName() {
        return switch (this) {
            case IDENTIFIER, METRIC_IDENTIFIER, LAND, LOR, LUNLESS, OFFSET, SMOOTHED, ANCHORED, BY,
                    WITHOUT, START, END, STEP, RANGE -> true;
            default -> category == Category.AGGREGATOR;
        };
    }

    /**
     * Whether this token may name a label in grouping clauses ({@code by}, {@code on}, ...), as
     * Prometheus' {@code maybe_label} rule lists them. {@code without} is missing there, so it is here.
     */
    boolean canBeLabelName() {
        return switch (this) {
            case IDENTIFIER, METRIC_IDENTIFIER, BOOL, BY, GROUP_LEFT, GROUP_RIGHT, IGNORING, LAND, LOR, LUNLESS,
                    OFFSET, ON, START, END, ATAN2, STEP, RANGE, ANCHORED, SMOOTHED -> true;
            default -> category == Category.AGGREGATOR;
        };
    }

    /** The keyword spelled {@code word} (case-insensitively), or null. */
    static TokenKind keyword(String word) {
        return WORDS.get(word.toLowerCase(Locale.ROOT));
    }
}
