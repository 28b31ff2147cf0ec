package io.pharos.template.internal;

import io.pharos.spi.util.GoStrings;
import io.pharos.template.TemplateException;
import io.pharos.template.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits template text into tokens as Go's {@code text/template/parse} lexer does: text between
 * {@code {{ }}} actions, trim markers ({@code {{- } and {@code  -}}}) applied here, comments
 * dropped.
 */
final class Lexer {
    static final Set<String> KEYWORDS = Set.of("if", "else", "end", "range", "with", "define", "template",
            "block", "break", "continue");
    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";

    private final String name;
    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int parenDepth;

    private Lexer(String name, String src) {
        this.name = name;
        this.src = src;
    }

    static List<Token> lex(String name, String src) throws TemplateException {
        Lexer l = new Lexer(name, src);
        l.run();
        return l.tokens;
    }

    private void run() throws TemplateException {
        boolean trimLeading = false;
        while (pos < src.length()) {
            int open = src.indexOf(LEFT, pos);
            int textEnd = open < 0 ? src.length() : open;
            boolean trimTrailing = open >= 0 && hasLeftTrim(open + LEFT.length());
            int start = pos;
            int end = textEnd;
            if (trimLeading) {
                while (start < end && isSpace(src.charAt(start))) {
                    start++;
                }
            }
            if (trimTrailing) {
                while (end > start && isSpace(src.charAt(end - 1))) {
                    end--;
                }
            }
            if (end > start) {
                tokens.add(new Token(Kind.TEXT, src.substring(start, end), start));
            }
            if (open < 0) {
                break;
            }
            pos = open + LEFT.length() + (trimTrailing ? 2 : 0);
            trimLeading = action(open);
        }
        tokens.add(new Token(Kind.EOF, "", src.length()));
    }

    /** Go's left trim marker: {@code -} followed by a space character. */
    private boolean hasLeftTrim(int at) {
        return at + 1 < src.length() && src.charAt(at) == '-' && isSpace(src.charAt(at + 1));
    }

    /** Whether a right delimiter, with or without its trim marker, starts at {@code at}; returns its length or 0. */
    private int rightDelim(int at) {
        if (at + 1 < src.length() && isSpace(src.charAt(at)) && src.charAt(at + 1) == '-'
                && src.startsWith(RIGHT, at + 2)) {
            return 2 + RIGHT.length();
        }
        return src.startsWith(RIGHT, at) ? RIGHT.length() : 0;
    }

    /** Lexes one action whose {@code {{} is at {@code open}; returns whether it ended with a trim marker. */
    private boolean action(int open) throws TemplateException {
        if (src.startsWith("/*", pos)) {
            return comment(open);
        }
        tokens.add(new Token(Kind.LEFT_DELIM, LEFT, open));
        parenDepth = 0;
        while (true) {
            if (pos >= src.length()) {
                throw error(open, "unclosed action");
            }
            int delim = rightDelim(pos);
            if (delim > 0 && parenDepth == 0) {
                tokens.add(new Token(Kind.RIGHT_DELIM, RIGHT, pos));
                pos += delim;
                return delim > RIGHT.length();
            } else if (delim > 0) {
                throw error(pos, "unclosed left paren");
            }
            token();
        }
    }

    private boolean comment(int open) throws TemplateException {
        int close = src.indexOf("*/", pos + 2);
        if (close < 0) {
            throw error(open, "unclosed comment");
        }
        pos = close + 2;
        int delim = rightDelim(pos);
        if (delim == 0) {
            throw error(open, "comment ends before closing delimiter");
        }
        pos += delim;
        return delim > RIGHT.length();
    }

    private void token() throws TemplateException {
        int start = pos;
        char c = src.charAt(pos);
        if (isSpace(c)) {
            // a space before "-}}" belongs to the trim marker
            while (pos < src.length() && isSpace(src.charAt(pos)) && rightDelim(pos) <= RIGHT.length()) {
                pos++;
            }
            emit(Kind.SPACE, start);
            return;
        }
        switch (c) {
            case '|' -> single(Kind.PIPE);
            case ',' -> single(Kind.COMMA);
            case '(' -> {
                parenDepth++;
                single(Kind.LEFT_PAREN);
            }
            case ')' -> {
                if (--parenDepth < 0) {
                    throw error(start, "unexpected right paren");
                }
                single(Kind.RIGHT_PAREN);
            }
            case '=' -> single(Kind.ASSIGN);
            case ':' -> {
                if (!src.startsWith(":=", pos)) {
                    throw error(start, "expected :=");
                }
                pos += 2;
                emit(Kind.DECLARE, start);
            }
            case '"' -> quoted('"', Kind.STRING, "unterminated quoted string");
            case '\'' -> quoted('\'', Kind.CHAR, "unterminated character constant");
            case '`' -> {
                int end = src.indexOf('`', pos + 1);
                if (end < 0) {
                    throw error(start, "unterminated raw quoted string");
                }
                pos = end + 1;
                emit(Kind.RAW_STRING, start);
            }
            case '$' -> {
                pos++;
                alnumRun();
                emit(Kind.VARIABLE, start);
            }
            case '.' -> {
                if (pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                    number();
                    return;
                }
                pos++;
                if (alnumRun() == 0) {
                    emit(Kind.DOT, start);
                } else {
                    emit(Kind.FIELD, start);
                }
            }
            default -> {
                if (c == '+' || c == '-' || Character.isDigit(c)) {
                    number();
                } else if (isAlnum(c)) {
                    alnumRun();
                    String word = src.substring(start, pos);
                    Kind k = KEYWORDS.contains(word) ? Kind.KEYWORD
                            : word.equals("true") || word.equals("false") ? Kind.BOOL
                            : word.equals("nil") ? Kind.NIL : Kind.IDENTIFIER;
                    emit(k, start);
                } else {
                    throw error(start, "unrecognized character in action: " + quoteChar(c));
                }
            }
        }
    }

    private int alnumRun() {
        int start = pos;
        while (pos < src.length() && isAlnum(src.charAt(pos))) {
            pos++;
        }
        return pos - start;
    }

    private void number() throws TemplateException {
        int start = pos;
        if (src.charAt(pos) == '+' || src.charAt(pos) == '-') {
            pos++;
        }
        // Go scans a generous run and lets the number parser reject it
        boolean hex = src.startsWith("0x", pos) || src.startsWith("0X", pos);
        while (pos < src.length()) {
            char c = src.charAt(pos);
            char prev = src.charAt(pos - 1);
            boolean exponentSign = (c == '+' || c == '-')
                    && (hex ? prev == 'p' || prev == 'P' : prev == 'e' || prev == 'E');
            if (!isAlnum(c) && c != '.' && !exponentSign) {
                break;
            }
            pos++;
        }
        emit(Kind.NUMBER, start);
    }

    private void quoted(char quote, Kind kind, String unterminated) throws TemplateException {
        int start = pos;
        pos++;
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw error(start, unterminated);
            }
            char c = src.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == quote) {
                break;
            }
        }
        emit(kind, start);
    }

    private void single(Kind k) {
        pos++;
        emit(k, pos - 1);
    }

    private void emit(Kind k, int start) {
        tokens.add(new Token(k, src.substring(start, pos), start));
    }

    private TemplateException error(int at, String msg) {
        return new TemplateException("template: " + name + ":" + line(src, at) + ": " + msg);
    }

    static int line(String text, int at) {
        int line = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String quoteChar(char c) {
        return String.format("U+%04X ", (int) c) + GoStrings.quoteRune(c);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    static boolean isAlnum(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
