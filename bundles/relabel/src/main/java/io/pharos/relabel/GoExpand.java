package io.pharos.relabel;

import java.util.List;
import java.util.regex.Matcher;

/** Go's {@code Regexp.Expand}, shared by relabeling and {@link GoRegexp#replaceAll}. */
final class GoExpand {
    private GoExpand() {
    }

    /**
     * Expands {@code template} with the groups of a successful match: {@code $$} is a literal
     * {@code $}; {@code $name} takes the longest run of letters, digits and underscores as the name
     * (so {@code $1x} names a group "1x"); {@code ${name}} delimits it; a name that is a number
     * without leading zeros is a group number; unknown or unmatched groups expand to nothing; a
     * {@code $} not followed by a valid name is kept as it is.
     *
     * @param groupNames the name of each group by number, index 0 and unnamed groups {@code null}
     */
    static String expand(String template, Matcher m, List<String> groupNames) {
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
                i = appendReference(template, i, m, groupNames, sb);
            }
            dollar = template.indexOf('$', i);
        }
        return sb.append(template, i, template.length()).toString();
    }

    /**
     * Handles the reference that starts at {@code at} (just after a {@code $}) and returns where the
     * template continues. A malformed reference leaves the {@code $} as literal text.
     */
    private static int appendReference(String template, int at, Matcher m, List<String> groupNames, StringBuilder sb) {
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
        int group = group(template.substring(nameStart, nameEnd), m, groupNames);
        if (group >= 0 && m.start(group) >= 0) {
            sb.append(m.group(group));
        }
        return brace ? nameEnd + 1 : nameEnd;
    }

    /** The group a reference names, or -1. */
    private static int group(String name, Matcher m, List<String> groupNames) {
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
}
