package org.relgraph.query;

import java.util.Locale;

/**
 * One lexeme of a query. Keywords are lexed as {@link Kind#IDENTIFIER} and recognised by the parser, so a
 * column may be called {@code count}; a quoted identifier is never a keyword.
 *
 * @param text for identifiers the name (unquoted), for strings the value with {@code ''} unescaped,
 *             otherwise the characters as written
 */
public record Token(Kind kind, String text, Span span) {
    public enum Kind {
        IDENTIFIER, QUOTED_IDENTIFIER, STRING, NUMBER,
        LEFT_PAREN, RIGHT_PAREN, COMMA, DOT, STAR, MINUS,
        EQ, NE, LT, LE, GT, GE,
        END
    }

    /** True for an unquoted identifier spelled like {@code keyword}, in any case. */
    public boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    /** How the token reads in an error message. */
    public String describe() {
        return switch (kind) {
            case END -> "end of input";
            case STRING -> "string '" + text.replace("'", "''") + "'";
            case QUOTED_IDENTIFIER -> "\"" + text + "\"";
            case IDENTIFIER -> "'" + text + "'";
            default -> "'" + text + "'";
        };
    }

    public String upperText() {
        return text.toUpperCase(Locale.ROOT);
    }
}
