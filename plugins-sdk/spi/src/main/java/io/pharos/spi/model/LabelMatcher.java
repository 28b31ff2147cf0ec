package io.pharos.spi.model;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher of a selector, such as {@code job=~"api|web"}. Matching follows Prometheus: an
 * absent label matches as the empty string, and regular expressions are fully anchored with
 * {@code .} matching newlines too.
 */
public final class LabelMatcher {
    private final String name;
    private final MatchType type;
    private final String value;
    private final Pattern pattern;

    private LabelMatcher(String name, MatchType type, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.value = Objects.requireNonNull(value, "value");
        this.pattern = type == MatchType.REGEX || type == MatchType.NOT_REGEX
                ? Pattern.compile("(?:" + value + ")", Pattern.DOTALL)
                : null;
    }

    /**
     * A matcher; a regular expression that does not compile throws {@link IllegalArgumentException}
     * with the reason.
     */
    public static LabelMatcher of(String name, MatchType type, String value) {
        try {
            return new LabelMatcher(name, type, value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression \"" + value + "\": "
                    + e.getDescription(), e);
        }
    }

    public static LabelMatcher equal(String name, String value) {
        return of(name, MatchType.EQUAL, value);
    }

    public String name() {
        return name;
    }

    public MatchType type() {
        return type;
    }

    public String value() {
        return value;
    }

    /** Whether a label value (the empty string for an absent label) satisfies this matcher. */
    public boolean matches(String labelValue) {
        String v = labelValue == null ? "" : labelValue;
        return switch (type) {
            case EQUAL -> value.equals(v);
            case NOT_EQUAL -> !value.equals(v);
            case REGEX -> pattern.matcher(v).matches();
            case NOT_REGEX -> !pattern.matcher(v).matches();
        };
    }

    /** Whether this matcher accepts the empty string, i.e. also series without the label. */
    public boolean matchesEmpty() {
        return matches("");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && m.name.equals(name) && m.type == type && m.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, value);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(type.symbol()).append('"');
        Labels.appendEscaped(sb, value);
        return sb.append('"').toString();
    }
}
