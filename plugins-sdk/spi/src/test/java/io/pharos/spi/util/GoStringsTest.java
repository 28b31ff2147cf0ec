package io.pharos.spi.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected strings are what Go's {@code strconv.Quote} returns for the same text. */
class GoStringsTest {
    @Test
    void quotesAndBackslashesAreEscaped() {
        assertEquals("\"\"", GoStrings.quote(""));
        assertEquals("\"a\\\"b\\\\c\"", GoStrings.quote("a\"b\\c"));
        assertEquals("\"it's\"", GoStrings.quote("it's"));
    }

    @Test
    void controlCharactersHaveGoEscapes() {
        assertEquals("\"\\a\\b\\f\\n\\r\\t\\v\"", GoStrings.quote("\u0007\b\f\n\r\t\u000b"));
        assertEquals("\"\\x00\\x01\\x1f\\x7f\"", GoStrings.quote("\u0000\u0001\u001f\u007f"));
        assertEquals("\"1\\x01\"", GoStrings.quote("1\u0001"));
    }

    @Test
    void printableUnicodeIsKept() {
        assertEquals("\"a b\u00e9\u03a9\u4e2d\ud83d\ude00\"", GoStrings.quote("a b\u00e9\u03a9\u4e2d\ud83d\ude00"));
    }

    @Test
    void unprintableUnicodeIsEscaped() {
        assertEquals("\"a\\\"b\\\\c\\n\\x01\\u00a0\u00e9\"", GoStrings.quote("a\"b\\c\n\u0001\u00a0\u00e9"));
        assertEquals("\"\\u0085\\u200b\\u2028\\ue000\"", GoStrings.quote("\u0085\u200b\u2028\ue000"));
        assertEquals("\"\\U000e0001\"", GoStrings.quote("\udb40\udc01"));
    }

    @Test
    void unpairedSurrogatesAreEscapedAsCodeUnits() {
        assertEquals("\"a\\ud800\"", GoStrings.quote("a\ud800"));
        assertEquals("\"\\udc00b\"", GoStrings.quote("\udc00b"));
    }

    @Test
    void quoteRuneUsesSingleQuotes() {
        org.junit.jupiter.api.Assertions.assertEquals("'q'", GoStrings.quoteRune('q'));
        org.junit.jupiter.api.Assertions.assertEquals("'\\''", GoStrings.quoteRune('\''));
        org.junit.jupiter.api.Assertions.assertEquals("'\"'", GoStrings.quoteRune('"'));
        org.junit.jupiter.api.Assertions.assertEquals("'\\n'", GoStrings.quoteRune('\n'));
        org.junit.jupiter.api.Assertions.assertEquals("'\\x00'", GoStrings.quoteRune(0));
    }
}
