package io.pharos.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.model.PluginConfigException;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RE2 semantics on top of java.util.regex: matching, template expansion and rejected syntax. */
class RelabelRegexTest {

    private static RelabelRegex re(String s) {
        try {
            return RelabelRegex.compile(s);
        } catch (PluginConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Inputs spell newline and vertical tab as \n and \v, since CSV cannot hold them. */
    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\v", "\u000B");
    }

    @ParameterizedTest(name = "/{0}/ on \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', emptyValue = "", value = {
        "(?P<x>a)b      | ab       | true",
        "(?<x_1>a)b     | ab       | true",
        "a.c            | a\\nc    | true",   // Prometheus 3: . matches newline
        "(?-s:a.c)      | a\\nc    | false",
        "(?-s)a.c       | a\\nc    | false",
        "foo$           | foo\\n   | false",  // RE2 $ is end of text
        "(?m)foo$\\n    | foo\\n   | true",
        "\\s            | \\v      | false",  // RE2 \\s has no vertical tab
        "\\v            | \\v      | true",
        "[\\s]          | ' '      | true",
        "[\\S]          | x        | true",
        "\\S            | ' '      | false",
        "[[:alpha:]]+   | abc      | true",
        "[[:^digit:]]   | a        | true",
        "[[:^digit:]]   | 1        | false",
        "[[:word:]]+    | a_1      | true",
        "[[]            | [        | true",   // [ is literal inside a class
        "[a&&b]         | &        | true",   // && is not intersection
        "[]a]           | ]        | true",
        "a{,2}          | a{,2}    | true",   // not a repeat, so literal
        "{              | {        | true",
        "x{2}           | xx       | true",
        "x{2,}          | xxxx     | true",
        "x{1,2}         | xxx      | false",
        "\\Q.*\\E       | .*       | true",
        "\\Q.*\\E       | ab       | false",
        "\\x41\\x{42}   | AB       | true",
        "\\101          | A        | true",   // octal
        "\\p{Greek}+    | αβγ      | true",
        "\\pL+          | abc      | true",
        "\\p{^Greek}    | a        | true",
        "\\PL           | 1        | true",
        "\\p{Any}       | é        | true",
        "é\\ba          | éa       | true",   // RE2 word boundaries are ASCII
        "\\bfoo\\b      | foo      | true",
        "(?i)é          | É        | true",   // case folding beyond ASCII
        "(?i)straße     | STRASSE  | false",  // simple folding only
        "(?U)a+         | aaa      | true",
        "'a|b'          | ab       | false",  // anchored as a whole
        "oo             | foo      | false",
        "''             | ''       | true",
        "''             | a        | false",
        "a\\.b          | a.b      | true",
        "a\\.b          | axb      | false",
        "(a)?(b)        | b        | true",
        "(?i:A)a        | aa       | true",
        "(?i:A)a        | aA       | false",  // flags end with their group
    })
    void matches(String regex, String input, boolean want) {
        assertEquals(want, re(regex).matches(unescape(input)));
    }

    @ParameterizedTest(name = "/{0}/ on \"{1}\" expands \"{2}\" to \"{3}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', emptyValue = "", value = {
        "(f)(o+)          | foo        | $1            | f",
        "(f)(o+)          | foo        | ${1}x         | fx",
        "(f)(o+)          | foo        | $1x           | ''",     // the group named 1x
        "(f)(o+)          | foo        | $2$1          | oof",
        "(f)(o+)          | foo        | $0            | foo",
        "(f)(o+)          | foo        | $$1           | $1",
        "(f)(o+)          | foo        | x$$${1}y      | x$fy",
        "(f)(o+)          | foo        | x$$$1y        | x$",     // $$ then the group named 1y
        "(f)(o+)          | foo        | $             | $",
        "(f)(o+)          | foo        | a$            | a$",
        "(f)(o+)          | foo        | ${            | ${",
        "(f)(o+)          | foo        | ${}           | ${}",
        "(f)(o+)          | foo        | ${1           | ${1",
        "(f)(o+)          | foo        | $-1           | $-1",
        "(f)(o+)          | foo        | $00           | ''",    // leading zero: a name, not a number
        "(f)(o+)          | foo        | $3            | ''",
        "(f)(o+)          | foo        | $é            | ''",    // letters beyond ASCII are name characters
        "(f)(o+)          | foo        | $1.$2         | f.oo",
        "(f)(o+)          | foo        | no refs       | no refs",
        "(a)?(b)          | b          | [$1][$2]      | [][b]",  // unmatched group is empty
        "(?P<first>\\w+) (?P<last>\\w+) | John Smith | '$last, $first' | 'Smith, John'",
        "(?P<first>\\w+) (?P<last>\\w+) | John Smith | ${last}x   | Smithx",
        "(?P<first>\\w+) (?P<last>\\w+) | John Smith | $lastx     | ''",
        "(?P<first>\\w+) (?P<last>\\w+) | John Smith | $1-$2      | John-Smith",
        "(?P<a_b>x)       | x          | $a_b          | x",
    })
    void expands(String regex, String input, String template, String want) {
        RelabelRegex r = re(regex);
        Matcher m = r.matcher(input);
        assertTrue(m.matches());
        assertEquals(want, r.expand(template, m));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "(abc", "abc)", "[abc", "(?=a)", "(?!a)", "(?<=a)b", "(?<!a)b", "(?>a)", "(?#c)", "a++", "a**",
        "a*??", "(a)\\1", "\\k<x>", "a{1001}", "a{3,2}", "(?x)a", "(?P<a>x)(?P<a>y)", "(?P<>x)",
        "(?P<a-b>x)", "\\", "\\8", "[[:foo:]]", "(?i-)a", "\\Z", "\\h", "\\R", "\\G", "\\e", "\\x4",
        "\\x{}", "\\x{110000}", "[\\b]", "[\\Qa\\E]", "(?P=a)", "*a", "\\p{NoSuchScript}",
    })
    void rejectsWhatRe2Rejects(String regex) {
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> RelabelRegex.compile(regex));
        assertTrue(e.getMessage().startsWith("invalid regex "), e.getMessage());
    }

    @Test
    void equalityIsBySourceButTheDefaultIsItsOwnInstance() {
        RelabelRegex explicit = re("(.*)");
        assertEquals(RelabelRegex.DEFAULT, explicit);
        assertEquals(RelabelRegex.DEFAULT.hashCode(), explicit.hashCode());
        assertNotSame(RelabelRegex.DEFAULT, explicit);
        assertNotEquals(re("a"), re("b"));
        assertEquals("a|b", re("a|b").toString());
    }
}
