package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.query.Token.Kind;

class QueryLexerTest {
    private static List<Kind> kinds(String s) {
        return new QueryLexer(s).tokenize().stream().map(Token::kind).toList();
    }

    @Test
    void tokensCarryTheirOffsetAndLength() {
        List<Token> tokens = new QueryLexer("PREDICT  COUNT(T.*)").tokenize();
        Token count = tokens.get(1);
        assertEquals(Kind.IDENTIFIER, count.kind());
        assertEquals("COUNT", count.text());
        assertEquals(new Span(9, 5), count.span());
        assertEquals(new Span(17, 1), tokens.get(5).span(), "the star");
        Token end = tokens.get(tokens.size() - 1);
        assertEquals(Kind.END, end.kind());
        assertEquals(19, end.span().offset());
    }

    @Test
    void operatorsIncludingBothSpellingsOfNotEqual() {
        assertEquals(List.of(Kind.EQ, Kind.NE, Kind.NE, Kind.LT, Kind.LE, Kind.GT, Kind.GE, Kind.MINUS, Kind.END),
                kinds("= != <> < <= > >= -"));
    }

    @Test
    void commentsAreSkipped() {
        assertEquals(List.of(Kind.IDENTIFIER, Kind.IDENTIFIER, Kind.END),
                kinds("a -- line comment ( ' \n /* block\n ' ( */ b"));
    }

    @Test
    void stringsUnescapeDoubledQuotes() {
        Token s = new QueryLexer("'Bob''s offer'").tokenize().get(0);
        assertEquals(Kind.STRING, s.kind());
        assertEquals("Bob's offer", s.text());
        assertEquals(14, s.span().length());
    }

    @Test
    void quotedIdentifiersKeepSpacesAndAreNotKeywords() {
        Token t = new QueryLexer("\"my col\" \"where\"").tokenize().get(1);
        assertEquals(Kind.QUOTED_IDENTIFIER, t.kind());
        assertEquals("where", t.text());
        assertTrue(!t.isKeyword("WHERE"));
    }

    @Test
    void numbersWithFractionsAndExponents() {
        List<Token> t = new QueryLexer("6 2.5 1e3 .5").tokenize();
        assertEquals(List.of("6", "2.5", "1e3", ".5"), t.subList(0, 4).stream().map(Token::text).toList());
    }

    @Test
    void unterminatedStringPointsAtItsOpeningQuote() {
        QueryException e = assertThrows(QueryException.class, () -> new QueryLexer("a = 'Mortgage").tokenize());
        assertEquals("unterminated string", e.problem());
        assertEquals(5, e.column());
    }

    @Test
    void unterminatedBlockComment() {
        QueryException e = assertThrows(QueryException.class, () -> new QueryLexer("a\n  /* never closed").tokenize());
        assertEquals(2, e.line());
        assertEquals(3, e.column());
    }

    @Test
    void strayCharacterIsNamed() {
        QueryException e = assertThrows(QueryException.class, () -> new QueryLexer("a ; b").tokenize());
        assertEquals("unexpected character ';'", e.problem());
        assertEquals(3, e.column());
    }
}
