package io.pharos.relabel;

import io.pharos.spi.model.PluginConfigException;
import io.pharos.spi.util.GoStrings;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A relabel regular expression: Go RE2 syntax, fully anchored and with {@code .} matching newlines,
 * as Prometheus 3.x compiles it ({@code ^(?s:regex)$}). Immutable and thread-safe; two instances are
 * equal when their source text is.
 */
public final class RelabelRegex {
    /**
     * The regex used when a relabel config sets none, {@code (.*)}. Identity matters: like
     * Prometheus, validation treats only this instance as "not configured", so an explicit
     * {@code regex: (.*)} still counts as set.
     */
    public static final RelabelRegex DEFAULT = compileUnchecked("(.*)");

    // . matches \n as in Prometheus 3.x; UNIX_LINES makes \n the only line terminator, as in RE2;
    // UNICODE_CASE because RE2's (?i) folds all of Unicode
    private static final int FLAGS = Pattern.DOTALL | Pattern.UNIX_LINES | Pattern.UNICODE_CASE;

    private final String source;
    private final Pattern pattern;
    private final List<String> groupNames;

    private RelabelRegex(String source, Pattern pattern, List<String> groupNames) {
        this.source = source;
        this.pattern = pattern;
        this.groupNames = groupNames;
    }

    /**
     * Compiles an RE2 expression.
     *
     * @throws PluginConfigException when the expression is not valid RE2, or uses RE2 syntax that
     *     has no Java equivalent
     */
    public static RelabelRegex compile(String re2) throws PluginConfigException {
        try {
            Re2Translator.Result t = Re2Translator.translate(re2);
            return new RelabelRegex(re2, Pattern.compile(t.javaRegex(), FLAGS), t.groupNames());
        } catch (PatternSyntaxException e) {
            throw new PluginConfigException("invalid regex " + GoStrings.quote(re2) + ": " + e.getDescription(), e);
        }
    }

    private static RelabelRegex compileUnchecked(String re2) {
        try {
            return compile(re2);
        } catch (PluginConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The expression as configured, without the anchors. */
    public String source() {
        return source;
    }

    /** Whether the whole of {@code s} matches. */
    public boolean matches(CharSequence s) {
        return pattern.matcher(s).matches();
    }

    /** A matcher over {@code s}; call {@link Matcher#matches()} before {@link #expand}. */
    Matcher matcher(CharSequence s) {
        return pattern.matcher(s);
    }

    /**
     * Expands {@code template} with the groups of a successful match, by the rules of Go's
     * {@code Regexp.Expand} (see {@link GoExpand}).
     */
    String expand(String template, Matcher m) {
        return GoExpand.expand(template, m, groupNames);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof RelabelRegex other && source.equals(other.source));
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
