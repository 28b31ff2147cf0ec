package io.pharos.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.spi.model.PluginConfigException;
import org.junit.jupiter.api.Test;

/** Go's unanchored regexp semantics: MatchString and ReplaceAllString. */
class GoRegexpTest {
    @Test
    void findIsUnanchoredAndDotStopsAtNewline() throws PluginConfigException {
        assertTrue(GoRegexp.compile("a+").find("xaay"));
        assertFalse(GoRegexp.compile("^a$").find("xay"));
        assertFalse(GoRegexp.compile("a.b").find("a\nb"));
        assertTrue(GoRegexp.compile("(?s)a.b").find("a\nb"));
        assertFalse(GoRegexp.compile("a$").find("a\n")); // $ is end of text in RE2
    }

    @Test
    void replaceAllExpandsLikeGo() throws PluginConfigException {
        assertEquals("xaxa", GoRegexp.compile("(a)b").replaceAll("abab", "x$1"));
        assertEquals("a<1>b<22>", GoRegexp.compile("(?P<n>\\d+)").replaceAll("a1b22", "<${n}>"));
        assertEquals("$", GoRegexp.compile("a").replaceAll("a", "$$"));
        assertEquals("", GoRegexp.compile("(a)").replaceAll("a", "$1x")); // group "1x" does not exist
        // Go skips an empty match right after a match: "-b-c-", where Java's replaceAll gives "-b--c-"
        assertEquals("-b-c-", GoRegexp.compile("a*").replaceAll("baaac", "-"));
        assertEquals("-a-b-c-", GoRegexp.compile("x*").replaceAll("abc", "-"));
    }

    @Test
    void invalidExpressionsAreRejected() {
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> GoRegexp.compile("("));
        assertEquals("error parsing regexp: missing closing ): \"(\"", e.getMessage());
        assertThrows(PluginConfigException.class, () -> GoRegexp.compile("(?=a)"));
    }
}
