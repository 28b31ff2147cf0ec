package io.pharos.template.internal;

/** A lexical token of a template; {@code pos} is the offset of its first character in the text. */
record Token(Kind kind, String text, int pos) {
    enum Kind {
        TEXT, LEFT_DELIM, RIGHT_DELIM, SPACE, IDENTIFIER, KEYWORD, FIELD, VARIABLE, DOT, STRING,
        RAW_STRING, CHAR, NUMBER, BOOL, NIL, PIPE, LEFT_PAREN, RIGHT_PAREN, DECLARE, ASSIGN, COMMA, EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isKeyword(String word) {
        return kind == Kind.KEYWORD && text.equals(word);
    }

    /** The token as Go's parser quotes it in errors. */
    String describe() {
        return switch (kind) {
            case EOF -> "EOF";
            case RIGHT_DELIM, LEFT_DELIM -> "<" + text.trim() + ">";
            case SPACE -> "space";
            default -> '"' + text + '"';
        };
    }
}
