package org.relgraph.query;

import java.util.ArrayList;
import java.util.List;
import org.relgraph.query.Token.Kind;

/**
 * Splits a query into tokens with their positions. Skips whitespace, {@code -- line} and {@code /* block *\/}
 * comments. Strings are single-quoted with {@code ''} for a quote; identifiers may be double-quoted to hold
 * spaces or keywords ({@code "my col"}, with {@code ""} for a quote).
 */
public final class QueryLexer {
    private final String source;
    private int pos;

    public QueryLexer(String source) {
        this.source = source;
    }

    /** All tokens, ending with one {@link Kind#END} token placed just after the last character. */
    public List<Token> tokenize() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipBlanksAndComments();
            if (pos >= source.length()) {
                tokens.add(new Token(Kind.END, "", new Span(source.length(), 1)));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipBlanksAndComments() {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                while (pos < source.length() && source.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && peek(1) == '*') {
                int end = source.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw QueryException.at(source, new Span(pos, 2), "unterminated comment",
                            "close the comment with */");
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < source.length() ? source.charAt(i) : '\0';
    }

    private Token next() {
        int start = pos;
        char c = source.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            while (pos < source.length() && (Character.isLetterOrDigit(source.charAt(pos)) || source.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Kind.IDENTIFIER, source.substring(start, pos), new Span(start, pos - start));
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
            return number(start);
        }
        switch (c) {
            case '\'':
                return quoted(start, '\'', Kind.STRING, "string", "end the string with ' (write '' for a quote inside it)");
            case '"':
                return quoted(start, '"', Kind.QUOTED_IDENTIFIER, "quoted identifier", "end the name with \"");
            case '(':
                return single(Kind.LEFT_PAREN);
            case ')':
                return single(Kind.RIGHT_PAREN);
            case ',':
                return single(Kind.COMMA);
            case '.':
                return single(Kind.DOT);
            case '*':
                return single(Kind.STAR);
            case '-':
                return single(Kind.MINUS);
            case '=':
                return peek(1) == '=' ? pair(Kind.EQ) : single(Kind.EQ);
            case '!':
                if (peek(1) == '=') {
                    return pair(Kind.NE);
                }
                break;
            case '<':
                if (peek(1) == '=') {
                    return pair(Kind.LE);
                }
                return peek(1) == '>' ? pair(Kind.NE) : single(Kind.LT);
            case '>':
                return peek(1) == '=' ? pair(Kind.GE) : single(Kind.GT);
            default:
                break;
        }
        int cp = source.codePointAt(pos);
        throw QueryException.at(source, new Span(pos, Character.charCount(cp)),
                "unexpected character '" + new String(Character.toChars(cp)) + "'",
                "strings go in single quotes, names with spaces in double quotes");
    }

    private Token single(Kind kind) {
        pos++;
        return new Token(kind, source.substring(pos - 1, pos), new Span(pos - 1, 1));
    }

    private Token pair(Kind kind) {
        pos += 2;
        return new Token(kind, source.substring(pos - 2, pos), new Span(pos - 2, 2));
    }

    private Token number(int start) {
        while (pos < source.length() && Character.isDigit(source.charAt(pos))) {
            pos++;
        }
        if (pos < source.length() && source.charAt(pos) == '.' && Character.isDigit(peek(1))) {
            pos++;
            while (pos < source.length() && Character.isDigit(source.charAt(pos))) {
                pos++;
            }
        }
        if (pos < source.length() && (source.charAt(pos) == 'e' || source.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < source.length() && (source.charAt(pos) == '+' || source.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < source.length() && Character.isDigit(source.charAt(pos))) {
                while (pos < source.length() && Character.isDigit(source.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos < source.length() && (Character.isLetter(source.charAt(pos)) || source.charAt(pos) == '_')) {
            int end = pos;
            while (end < source.length() && Character.isLetterOrDigit(source.charAt(end))) {
                end++;
            }
            throw QueryException.at(source, new Span(start, end - start),
                    "malformed number '" + source.substring(start, end) + "'",
                    "separate the number from the word after it, or quote a name that starts with a digit");
        }
        return new Token(Kind.NUMBER, source.substring(start, pos), new Span(start, pos - start));
    }

    private Token quoted(int start, char quote, Kind kind, String what, String hint) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= source.length()) {
                throw QueryException.at(source, new Span(start, 1), "unterminated " + what, hint);
            }
            char c = source.charAt(pos);
            if (c == quote) {
                if (peek(1) == quote) {
                    value.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            value.append(c);
            pos++;
        }
        if (kind == Kind.QUOTED_IDENTIFIER && value.length() == 0) {
            throw QueryException.at(source, new Span(start, pos - start), "empty quoted identifier",
                    "write the column or table name between the double quotes");
        }
        return new Token(kind, value.toString(), new Span(start, pos - start));
    }
}
