package io.pharos.promql.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a query into tokens on demand, following the Prometheus lexer: it has a mode for the
 * inside of braces (where keywords are plain label names and operators other than matchers are
 * errors), one for the inside of brackets (ranges, subquery steps and their duration expressions),
 * it lexes lazily so that the first problem in reading order is the one reported, and its error
 * messages and positions are Prometheus'. Lexer errors are thrown as {@link ParseException}.
 *
 * <p>Inside brackets Prometheus lexes in two phases, reproduced here because their error messages
 * differ: up to the first number every character must belong to a duration expression
 * ({@code unexpected character in duration expression}); after it, statement lexing resumes with
 * only a colon or a duration keyword allowed where a letter appears.
 */
final class Lexer {
    private static final int EOF = -1;
    private static final String DECIMAL = "0123456789";
    private static final String HEX = "0123456789abcdefABCDEF";

    private final String input;
    private int pos;
    /** Width in chars of the last code point read, so that {@link #backup()} can undo it. */
    private int width;
    private boolean braceOpen;
    private int parenDepth;
    private boolean bracketOpen;
    /** Inside brackets, before the first number: Prometheus' lexDurationExpr state. */
    private boolean durationMode;
    private boolean gotColon;
    private boolean gotDuration;

    Lexer(String input) {
        this.input = input;
    }

    String input() {
        return input;
    }

    /** The next token; {@link TokenKind#EOF} at the end, forever after. */
    Token next() {
        if (durationMode) {
            return durationExpression();
        }
        skipSpaceAndComments();
        int start = pos;
        if (pos >= input.length()) {
            if (braceOpen) {
                throw error(start, "unexpected end of input inside braces");
            }
            if (parenDepth > 0) {
                throw error(start, "unclosed left parenthesis");
            }
            if (bracketOpen) {
                throw error(start, "unclosed left bracket");
            }
            return new Token(TokenKind.EOF, start, "", null);
        }
        return braceOpen ? insideBraces(start) : statement(start);
    }

    /** A token inside brackets before the first number; comments are not recognised here. */
    private Token durationExpression() {
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            pos++;
        }
        int start = pos;
        int c = nextChar();
        switch (c) {
            case EOF:
                throw error(start, "unexpected end of input in duration expression");
            case ']':
                bracketOpen = false;
                durationMode = false;
                gotColon = false;
                return token(TokenKind.RIGHT_BRACKET, start);
            case ':':
                // Prometheus emits the colon first, so these errors point just after it.
                if (!gotDuration) {
                    throw error(pos, "unexpected colon before duration in duration expression");
                }
                if (gotColon) {
                    throw error(pos, "unexpected repeated colon in duration expression");
                }
                gotColon = true;
                return token(TokenKind.COLON, start);
            case '(':
                parenDepth++;
                return token(TokenKind.LEFT_PAREN, start);
            case ')':
                parenDepth--;
                if (parenDepth < 0) {
                    throw error(pos, "unexpected right parenthesis ')'");
                }
                return token(TokenKind.RIGHT_PAREN, start);
            case '+':
                return token(TokenKind.ADD, start);
            case '-':
                return token(TokenKind.SUB, start);
            case '*':
                return token(TokenKind.MUL, start);
            case '/':
                return token(TokenKind.DIV, start);
            case '%':
                return token(TokenKind.MOD, start);
            case '^':
                return token(TokenKind.POW, start);
            case ',':
                return token(TokenKind.COMMA, start);
            default:
                if (isDurationKeywordStart(c)) {
                    Token kw = durationKeyword(start);
                    if (kw != null) {
                        return kw;
                    }
                } else if (isDigit(c) || (c == '.' && isDigit(peek()))) {
                    backup();
                    gotDuration = true;
                    durationMode = false;
                    return numberOrDuration(start);
                }
                throw error(start, "unexpected character in duration expression: " + quoteRune(c));
        }
    }

    private static boolean isDurationKeywordStart(int c) {
        return c == 's' || c == 'S' || c == 'm' || c == 'M' || c == 'r' || c == 'R';
    }

    /**
     * After the first letter of a word inside brackets: {@code step}, {@code range}, {@code min_of}
     * or {@code max_of} in any case, or null (having consumed the word) for anything else.
     */
    private Token durationKeyword(int start) {
        while (isAlpha(peek())) {
            nextChar();
        }
        String word = input.substring(start, pos);
        TokenKind kind = switch (word.toLowerCase(java.util.Locale.ROOT)) {
            case "step" -> TokenKind.STEP;
            case "range" -> TokenKind.RANGE;
            case "min_of" -> TokenKind.MIN_OF;
            case "max_of" -> TokenKind.MAX_OF;
            default -> null;
        };
        return kind == null ? null : new Token(kind, start, word, null);
    }

    private void skipSpaceAndComments() {
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (isSpace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < input.length() && input.charAt(pos) != '\n' && input.charAt(pos) != '\r') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Token statement(int start) {
        int c = nextChar();
        switch (c) {
            case ',':
                return token(TokenKind.COMMA, start);
            case '*':
                return token(TokenKind.MUL, start);
            case '/':
                return token(TokenKind.DIV, start);
            case '%':
                return token(TokenKind.MOD, start);
            case '+':
                return token(TokenKind.ADD, start);
            case '-':
                return token(TokenKind.SUB, start);
            case '^':
                return token(TokenKind.POW, start);
            case '@':
                return token(TokenKind.AT, start);
            case '=': {
                int n = peek();
                if (n == '=') {
                    nextChar();
                    return token(TokenKind.EQLC, start);
                }
                if (n == '~') {
                    throw error(start, "unexpected character after '=': " + GoStrings.quoteRune(n));
                }
                return token(TokenKind.EQL, start);
            }
            case '!': {
                int n = nextChar();
                if (n != '=') {
                    throw error(start, "unexpected character after '!': " + quoteRune(n));
                }
                return token(TokenKind.NEQ, start);
            }
            case '<':
                if (accept("/")) {
                    return token(TokenKind.TRIM_UPPER, start);
                }
                return token(accept("=") ? TokenKind.LTE : TokenKind.LSS, start);
            case '>':
                if (accept("/")) {
                    return token(TokenKind.TRIM_LOWER, start);
                }
                return token(accept("=") ? TokenKind.GTE : TokenKind.GTR, start);
            case '(':
                parenDepth++;
                return token(TokenKind.LEFT_PAREN, start);
            case ')':
                parenDepth--;
                if (parenDepth < 0) {
                    // Prometheus reports this one just after the parenthesis.
                    throw error(pos, "unexpected right parenthesis ')'");
                }
                return token(TokenKind.RIGHT_PAREN, start);
            case '{':
                braceOpen = true;
                return token(TokenKind.LEFT_BRACE, start);
            case '[': {
                if (bracketOpen) {
                    throw error(start, "unexpected left bracket '['");
                }
                Token t = token(TokenKind.LEFT_BRACKET, start);
                bracketOpen = true;
                durationMode = true;
                gotColon = false;
                gotDuration = false;
                return t;
            }
            case ']':
                if (!bracketOpen) {
                    throw error(start, "unexpected right bracket ']'");
                }
                bracketOpen = false;
                return token(TokenKind.RIGHT_BRACKET, start);
            case '"':
            case '\'':
                return string(start, c);
            case '`':
                return rawString(start);
            default:
                if (isDigit(c) || (c == '.' && isDigit(peek()))) {
                    backup();
                    return numberOrDuration(start);
                }
                if (isAlpha(c) || c == ':') {
                    if (bracketOpen) {
                        return insideBracketsAfterNumber(start, c);
                    }
                    backup();
                    return keywordOrIdentifier(start);
                }
                throw error(start, "unexpected character: " + quoteRune(c));
        }
    }

    /** A colon or a letter inside brackets once a number has been read. */
    private Token insideBracketsAfterNumber(int start, int c) {
        if (c == ':') {
            if (gotColon) {
                throw error(start, "unexpected colon ':'");
            }
            gotColon = true;
            return token(TokenKind.COLON, start);
        }
        if (isDurationKeywordStart(c)) {
            Token kw = durationKeyword(start);
            if (kw != null) {
                return kw;
            }
        }
        throw error(start, "unexpected character: " + quoteRune(c) + ", expected ':'");
    }

    private Token insideBraces(int start) {
        int c = nextChar();
        if (isAlpha(c)) {
            while (isAlphaNumeric(nextChar())) {
                // absorb
            }
            backup();
            return token(TokenKind.IDENTIFIER, start);
        }
        switch (c) {
            case ',':
                return token(TokenKind.COMMA, start);
            case '"':
            case '\'':
                return string(start, c);
            case '`':
                return rawString(start);
            case '=':
                return token(accept("~") ? TokenKind.EQL_REGEX : TokenKind.EQL, start);
            case '!': {
                int n = nextChar();
                if (n == '~') {
                    return token(TokenKind.NEQ_REGEX, start);
                }
                if (n == '=') {
                    return token(TokenKind.NEQ, start);
                }
                throw error(start, "unexpected character after '!' inside braces: " + quoteRune(n));
            }
            case '{':
                throw error(start, "unexpected left brace '{'");
            case '}':
                braceOpen = false;
                return token(TokenKind.RIGHT_BRACE, start);
            default:
                throw error(start, "unexpected character inside braces: " + quoteRune(c));
        }
    }

    private Token keywordOrIdentifier(int start) {
        int c;
        do {
            c = nextChar();
        } while (isAlphaNumeric(c) || c == ':');
        backup();
        String word = input.substring(start, pos);
        if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("nan")) {
            return new Token(TokenKind.NUMBER, start, word, null);
        }
        TokenKind kw = TokenKind.keyword(word);
        if (kw == TokenKind.FILL || kw == TokenKind.FILL_LEFT || kw == TokenKind.FILL_RIGHT) {
            // Fill modifiers are keywords only when a '(' follows, so metrics of these names still work.
            if (!followedByLeftParen()) {
                kw = null;
            }
        }
        if (kw != null) {
            return new Token(kw, start, word, null);
        }
        return new Token(word.indexOf(':') >= 0 ? TokenKind.METRIC_IDENTIFIER : TokenKind.IDENTIFIER,
                start, word, null);
    }

    /** Whether the next character that is not a space is '('. */
    private boolean followedByLeftParen() {
        for (int i = pos; i < input.length(); i++) {
            char c = input.charAt(i);
            if (!isSpace(c)) {
                return c == '(';
            }
        }
        return false;
    }

    private Token numberOrDuration(int start) {
        if (scanNumber()) {
            return token(TokenKind.NUMBER, start);
        }
        if (acceptRemainingDuration()) {
            backup();
            return token(TokenKind.DURATION, start);
        }
        throw error(start, "bad number or duration syntax: " + GoStrings.quote(input.substring(start, pos)));
    }

    /**
     * Scans a decimal, hexadecimal or floating point number with optional underscores between
     * digits. What it accepts is not necessarily a valid number; the parser checks the value.
     * Returns false, having consumed the offending characters, for a malformed one.
     */
    private boolean scanNumber() {
        int initial = pos;
        String digits = DECIMAL;
        boolean hex = false;
        if (accept("0") && accept("xX")) {
            accept("_");
            digits = HEX;
            hex = true;
        }
        accept(".");
        accept(digits);
        boolean dotSeen = false;
        boolean exponentSeen = false;
        String continuing = digits + "._eE";
        while (is(continuing)) {
            if (is(".") && dotSeen) {
                accept(".");
                return false;
            }
            if (is("eE") && exponentSeen) {
                accept("eE");
                return false;
            }
            if (accept(".")) {
                dotSeen = true;
                if (accept("_.")) {
                    return false;
                }
                if (hex) {
                    return false; // no fractional hexadecimal literals
                }
                continue;
            }
            if (accept("eE")) {
                exponentSeen = true;
                accept("+-");
                if (accept("._eE") || peek() == EOF) {
                    return false;
                }
                continue;
            }
            if (accept("_")) {
                if (accept("._eE") || peek() == EOF) {
                    return false;
                }
                continue;
            }
            acceptRun(digits);
        }
        if (pos == initial) {
            return false;
        }
        return !isAlphaNumeric(peek());
    }

    /** After the digits of a duration: units, optionally more digit-unit pairs ({@code 1h30m}). */
    private boolean acceptRemainingDuration() {
        if (!accept("smhdwy")) {
            return false;
        }
        accept("s"); // ms
        while (accept(DECIMAL)) {
            acceptRun(DECIMAL);
            if (!accept("smhdw")) {
                return false;
            }
            accept("s");
        }
        return !isAlphaNumeric(nextChar());
    }

    private Token string(int start, int quote) {
        // Escapes such as \xff produce bytes, as in Go, so the value is assembled as UTF-8.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (;;) {
            int c = nextChar();
            if (c == '\\') {
                escape(start, quote, bytes);
            } else if (c == EOF || c == '\n') {
                throw error(start, "unterminated quoted string");
            } else if (c == quote) {
                break;
            } else {
                appendUtf8(bytes, c);
            }
        }
        return new Token(TokenKind.STRING, start, input.substring(start, pos), decodeUtf8(start, bytes));
    }

    private void escape(int start, int quote, ByteArrayOutputStream out) {
        int c = nextChar();
        int n;
        int base;
        long max;
        boolean rawByte;
        switch (c) {
            case 'a' -> {
                out.write(0x07);
                return;
            }
            case 'b' -> {
                out.write('\b');
                return;
            }
            case 'f' -> {
                out.write('\f');
                return;
            }
            case 'n' -> {
                out.write('\n');
                return;
            }
            case 'r' -> {
                out.write('\r');
                return;
            }
            case 't' -> {
                out.write('\t');
                return;
            }
            case 'v' -> {
                out.write(0x0B);
                return;
            }
            case '\\' -> {
                out.write('\\');
                return;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                n = 3;
                base = 8;
                max = 255;
                rawByte = true;
            }
            case 'x' -> {
                c = nextChar();
                n = 2;
                base = 16;
                max = 255;
                rawByte = true;
            }
            case 'u' -> {
                c = nextChar();
                n = 4;
                base = 16;
                max = Character.MAX_CODE_POINT;
                rawByte = false;
            }
            case 'U' -> {
                c = nextChar();
                n = 8;
                base = 16;
                max = Character.MAX_CODE_POINT;
                rawByte = false;
            }
            case EOF -> throw error(start, "escape sequence not terminated");
            default -> {
                if (c == quote) {
                    out.write(c);
                    return;
                }
                throw error(start, "unknown escape sequence " + GoStrings.unicode(c));
            }
        }
        long x = 0;
        while (n > 0) {
            int d = digitValue(c);
            if (d >= base) {
                if (c == EOF) {
                    throw error(start, "escape sequence not terminated");
                }
                throw error(start, "illegal character " + GoStrings.unicode(c) + " in escape sequence");
            }
            x = x * base + d;
            n--;
            if (n > 0) {
                c = nextChar();
            }
        }
        if (x > max || (x >= 0xD800 && x < 0xE000)) {
            throw error(start, "escape sequence is an invalid Unicode code point");
        }
        if (rawByte) {
            out.write((int) x);
        } else {
            appendUtf8(out, (int) x);
        }
    }

    private Token rawString(int start) {
        for (;;) {
            int c = nextChar();
            if (c == EOF) {
                throw error(start, "unterminated raw string");
            }
            if (c == '`') {
                break;
            }
        }
        return new Token(TokenKind.STRING, start, input.substring(start, pos),
                input.substring(start + 1, pos - 1));
    }

    private static void appendUtf8(ByteArrayOutputStream out, int cp) {
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    private String decodeUtf8(int start, ByteArrayOutputStream bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw error(start, "invalid UTF-8 rune");
        }
    }

    private static int digitValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return 16; // larger than any base
    }

    private Token token(TokenKind kind, int start) {
        return new Token(kind, start, input.substring(start, pos), null);
    }

    private ParseException error(int at, String reason) {
        return new ParseException(input, at, reason);
    }

    private static String quoteRune(int c) {
        return GoStrings.quoteRune(c == EOF ? GoStrings.EOF_RUNE : c);
    }

    // Reading primitives, by code point.

    private int nextChar() {
        if (pos >= input.length()) {
            width = 0;
            return EOF;
        }
        int c = input.codePointAt(pos);
        width = Character.charCount(c);
        pos += width;
        return c;
    }

    private void backup() {
        pos -= width;
        width = 0;
    }

    private int peek() {
        return pos >= input.length() ? EOF : input.codePointAt(pos);
    }

    private boolean is(String valid) {
        int c = peek();
        return c != EOF && valid.indexOf(c) >= 0;
    }

    private boolean accept(String valid) {
        if (is(valid)) {
            nextChar();
            return true;
        }
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // consume
        }
    }

    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlpha(int c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isAlphaNumeric(int c) {
        return isAlpha(c) || isDigit(c);
    }
}
