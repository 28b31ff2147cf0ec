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
     * {@code Regexp.Expand}: {@code $$} is a literal {@code $}; {@code $name} takes the longest run
     * of letters, digits and underscores as the name (so {@code $1x} names a group "1x");
     * {@code ${name}} delimits it; a name that is a number without leading zeros is a group number;
     * unknown or unmatched groups expand to nothing; a {@code $} not followed by a valid name is
     * kept as it is.
     */
    String expand(String template, Matcher m) {
        int dollar = template.indexOf('$');
        if (dollar < 0) {
            return template;
        }
        StringBuilder sb = new StringBuilder(template.length() + 16);
        int i = 0;
        while (dollar >= 0) {
            sb.append(template, i, dollar);
            i = dollar + 1;
            if (i < template.length() && template.charAt(i) == '$') {
                sb.append('$');
                i++;
            } else {
                i = appendReference(template, i, m, sb);
            }
            dollar = template.indexOf('$', i);
        }
        return sb.append(template, i, template.length()).toString();
    }

    /**
     * Handles the reference that starts at {@code at} (just after a {@code $}) and returns where the
     * template continues. A malformed reference leaves the {@code $} as literal text.
     */
    private int appendReference(String template, int at, Matcher m, StringBuilder sb) {
        boolean brace = at < template.length() && template.charAt(at) == '{';
        int nameStart = brace ? at + 1 : at;
        int nameEnd = nameStart;
        while (nameEnd < template.length()) {
            int cp = template.codePointAt(nameEnd);
            if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
                break;
            }
            nameEnd += Character.charCount(cp);
        }
        if (nameEnd == nameStart || (brace && (nameEnd >= template.length() || template.charAt(nameEnd) != '}'))) {
            sb.append('$');
            return at;
        }
        int group = group(template.substring(nameStart, nameEnd), m);
        if (group >= 0 && m.start(group) >= 0) {
            sb.append(m.group(group));
        }
        return brace ? nameEnd + 1 : nameEnd;
    }

    /** The group a reference names, or -1. */
    private int group(String name, Matcher m) {
        int num = parseGroupNumber(name);
        if (num >= 0) {
            return num <= m.groupCount() ? num : -1;
        }
        return groupNames.indexOf(name); // names are unique; index 0 holds null
    }

    /** Go's rule: ASCII digits only, no leading zero, and at most 1e8 before the last digit. */
    private static int parseGroupNumber(String name) {
        if (name.length() > 1 && name.charAt(0) == '0') {
            return -1;
        }
        int num = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9' || num >= 100_000_000) {
                return -1;
            }
            num = num * 10 + (c - '0');
        }
        return num;
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
