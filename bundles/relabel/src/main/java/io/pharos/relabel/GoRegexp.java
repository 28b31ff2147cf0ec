package io.pharos.relabel;

import io.pharos.spi.model.PluginConfigException;
import io.pharos.spi.util.GoStrings;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Go RE2 expression with the default semantics of Go's {@code regexp} package: unanchored, and
 * {@code .} does not match a newline (unlike {@link RelabelRegex}, which Prometheus anchors).
 * Template functions such as {@code match} and {@code reReplaceAll} use it. Immutable and
 * thread-safe.
 */
public final class GoRegexp {
    // UNIX_LINES makes \n the only line terminator, as in RE2; UNICODE_CASE because RE2's (?i) folds all of Unicode
    private static final int FLAGS = Pattern.UNIX_LINES | Pattern.UNICODE_CASE;

    private final String source;
    private final Pattern pattern;
    private final List<String> groupNames;

    private GoRegexp(String source, Pattern pattern, List<String> groupNames) {
        this.source = source;
        this.pattern = pattern;
        this.groupNames = groupNames;
    }

    /**
     * Compiles an RE2 expression.
     *
     * @throws PluginConfigException worded as Go's {@code regexp.Compile} error when the expression
     *     is not valid RE2 or uses RE2 syntax that has no Java equivalent
     */
    public static GoRegexp compile(String re2) throws PluginConfigException {
        try {
            Re2Translator.Result t = Re2Translator.translate(re2);
            return new GoRegexp(re2, Pattern.compile(t.javaRegex(), FLAGS), t.groupNames());
        } catch (PatternSyntaxException e) {
            throw new PluginConfigException("error parsing regexp: " + e.getDescription() + ": "
                    + GoStrings.quote(re2), e);
        }
    }

    /** Go's {@code MatchString}: whether any part of {@code s} matches. */
    public boolean find(CharSequence s) {
        return pattern.matcher(s).find();
    }

    /**
     * Go's {@code ReplaceAllString}: every non-overlapping match replaced by {@code template}
     * expanded as {@code Regexp.Expand} does ({@code $1}, {@code ${name}}, {@code $$}). As in Go,
     * an empty match right after the previous match is not a match.
     */
    public String replaceAll(String src, String template) {
        Matcher m = pattern.matcher(src);
        StringBuilder sb = new StringBuilder(src.length() + 16);
        int copied = 0;
        int prevEnd = -1;
        int from = 0;
        while (from <= src.length() && m.find(from)) {
            if (m.end() == m.start() && m.start() == prevEnd) {
                // Go skips an empty match adjacent to the previous one and moves on a character
                from = m.start() + 1;
                continue;
            }
            sb.append(src, copied, m.start()).append(GoExpand.expand(template, m, groupNames));
            copied = m.end();
            prevEnd = m.end();
            from = m.end() > m.start() ? m.end() : m.end() + 1;
        }
        return sb.append(src, copied, src.length()).toString();
    }

    /** The expression as written. */
    @Override
    public String toString() {
        return source;
    }
}
