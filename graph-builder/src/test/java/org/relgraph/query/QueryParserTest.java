package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueryParserTest {
    static final String MORTGAGE = """
            PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 6, months)
            FOR EACH CUSTOMERS.CUSTOMER_ID WHERE PRODUCT_HOLDINGS.PRODUCT != 'Mortgage'""";
    static final String NEXT_BEST_ACTION = """
            PREDICT ARGMAX(INTERACTION_HISTORY.OUTCOME = 'Accepted')
            FOR EACH CUSTOMERS.CUSTOMER_ID WHERE CUSTOMERS.SEGMENT IN ('Mass Affluent','Premier')""";

    @Test
    void parsesTheMortgageQuery() {
        ParsedQuery q = QueryParser.parse(MORTGAGE);
        Target.Bool bool = assertInstanceOf(Target.Bool.class, q.target());
        assertEquals("PRODUCT_HOLDINGS.PRODUCT = 'Mortgage'", bool.condition().render());
        assertEquals(new TimeWindow(0, 6, WindowUnit.MONTHS), bool.window());
        assertEquals("CUSTOMERS", q.entity().table());
        assertEquals("CUSTOMER_ID", q.entity().column());
        Expr.Comparison filter = assertInstanceOf(Expr.Comparison.class, q.filter());
        assertEquals(CompareOp.NE, filter.op());
    }

    @Test
    void parsesTheNextBestActionQueryWithTheDefaultWindow() {
        ParsedQuery q = QueryParser.parse(NEXT_BEST_ACTION);
        Target.ArgMax argmax = assertInstanceOf(Target.ArgMax.class, q.target());
        assertEquals(TimeWindow.ARGMAX_DEFAULT, argmax.window());
        Expr.In in = assertInstanceOf(Expr.In.class, q.filter());
        assertEquals("CUSTOMERS.SEGMENT IN ('Mass Affluent', 'Premier')", in.render());
    }

    @Test
    void argmaxAcceptsAnExplicitWindow() {
        ParsedQuery q = QueryParser.parse("PREDICT ARGMAX(I.OUTCOME = 'Accepted', 0, 14, days) FOR EACH C.ID");
        assertEquals(new TimeWindow(0, 14, WindowUnit.DAYS), q.target().window());
    }

    @Test
    void keywordsAndUnitsInAnyCaseAndUnitDefaultsToDays() {
        ParsedQuery q = QueryParser.parse("predict Count(orders.*, 0, 30) for each users.id");
        Target.Aggregate a = assertInstanceOf(Target.Aggregate.class, q.target());
        assertEquals(Aggregation.COUNT, a.function());
        assertTrue(a.column().isAllRows());
        assertEquals(new TimeWindow(0, 30, WindowUnit.DAYS), a.window());
        assertEquals(WindowUnit.HOURS,
                QueryParser.parse("PREDICT SUM(O.X, 0, 1, Hour) FOR EACH U.ID").target().window().unit());
    }

    @Test
    void aggregationWithWhereAndThreshold() {
        Target.Aggregate a = (Target.Aggregate) QueryParser.parse(
                "PREDICT SUM(T.AMOUNT WHERE T.KIND = 'fee' OR T.AMOUNT > 100, 2, 9, days) >= -1.5 FOR EACH C.ID")
                .target();
        assertEquals(Aggregation.SUM, a.function());
        assertEquals("(T.KIND = 'fee' OR T.AMOUNT > 100)", a.where().render());
        assertEquals(new TimeWindow(2, 9, WindowUnit.DAYS), a.window());
        assertEquals(CompareOp.GE, a.threshold().op());
        assertEquals(-1.5, ((Literal.NumberLiteral) a.threshold().value()).value());
    }

    @Test
    void listDistinctWithRankTop() {
        Target.ListDistinct l = (Target.ListDistinct) QueryParser.parse(
                "PREDICT LIST_DISTINCT(I.OFFER_ID, 0, 7, days) RANK TOP 12 FOR EACH C.ID").target();
        assertEquals("I.OFFER_ID", l.foreignKey().render());
        assertEquals(12, l.topK());
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        Expr e = QueryParser.parse("PREDICT COUNT(T.*, 0, 1) FOR EACH C.ID WHERE NOT C.A = 1 AND C.B = 2 OR C.C = 3")
                .filter();
        assertEquals("((NOT C.A = 1 AND C.B = 2) OR C.C = 3)", e.render());
        Expr grouped = QueryParser.parse("PREDICT COUNT(T.*, 0, 1) FOR EACH C.ID WHERE C.A = 1 AND (C.B = 2 OR C.C = 3)")
                .filter();
        assertEquals("(C.A = 1 AND (C.B = 2 OR C.C = 3))", grouped.render());
    }

    @Test
    void notInIsNullAndQuotedIdentifiersAndComments() {
        Expr e = QueryParser.parse("""
                -- customers outside two segments
                PREDICT COUNT(T.*, 0, 1) FOR EACH C.ID
                WHERE C."my segment" NOT IN ('a', 'it''s') /* and */ AND C.X IS NOT NULL AND C.Y IS NULL
                  AND C.Z <> TRUE""").filter();
        assertEquals("(((NOT C.my segment IN ('a', 'it''s') AND C.X IS NOT NULL) AND C.Y IS NULL) AND C.Z != TRUE)",
                e.render());
    }

    @Test
    void noFilterMeansNull() {
        assertNull(QueryParser.parse("PREDICT COUNT(T.*, 0, 1) FOR EACH C.ID").filter());
    }

    @Test
    void windowEndMustBeAfterStart() {
        QueryException e = assertThrows(QueryException.class,
                () -> QueryParser.parse("PREDICT COUNT(T.*, 6, 6, days) FOR EACH C.ID"));
        assertEquals("window end 6 must be after its start 6", e.problem());
        assertEquals(20, e.column());
        assertTrue(e.getMessage().endsWith("\n                   ^^^^"), e.getMessage());
    }

    @Test
    void windowMustNotStartBeforeTheAnchor() {
        QueryException e = assertThrows(QueryException.class,
                () -> QueryParser.parse("PREDICT COUNT(T.*, -3, 6, days) FOR EACH C.ID"));
        assertTrue(e.problem().contains("before the anchor"), e.problem());
    }

    @Test
    void truncatedQueryReportsEndOfInputAtTheEnd() {
        QueryException e = assertThrows(QueryException.class,
                () -> QueryParser.parse("PREDICT BOOL(T.A = 'x', 0, 6, months)\nFOR EACH"));
        assertEquals("unexpected end of input: expected a column reference TABLE.COLUMN",
                e.problem());
        assertEquals(2, e.line());
        assertEquals(9, e.column());
    }

    @Test
    void trailingTokensAreRejected() {
        QueryException e = assertThrows(QueryException.class,
                () -> QueryParser.parse("PREDICT COUNT(T.*, 0, 1) FOR EACH C.ID WHERE C.A = 1 C.B = 2"));
        assertTrue(e.problem().startsWith("unexpected 'C' after the end of the query"), e.problem());
    }

    @Test
    void comparingWithNullSuggestsIsNull() {
        QueryException e = assertThrows(QueryException.class,
                () -> QueryParser.parse("PREDICT COUNT(T.*, 0, 1) FOR EACH C.ID WHERE C.A = NULL"));
        assertTrue(e.hint().contains("IS NULL"));
    }

    @Test
    void unquotedStringValueGetsAQuotingHint() {
        QueryException e = assertThrows(QueryException.class,
                () -> QueryParser.parse("PREDICT COUNT(T.*, 0, 1) FOR EACH C.ID WHERE C.A = Premier"));
        assertEquals("expected a value but found 'Premier'", e.problem());
        assertTrue(e.hint().contains("'Premier'"));
    }

    @Test
    void misspeltTargetSuggestsTheClosest() {
        QueryException e = assertThrows(QueryException.class,
                () -> QueryParser.parse("PREDICT CUONT(T.*, 0, 1) FOR EACH C.ID"));
        assertTrue(e.hint().endsWith("did you mean 'COUNT'?"), e.hint());
    }

    @Test
    void listDistinctRequiresRankTop() {
        QueryException e = assertThrows(QueryException.class,
                () -> QueryParser.parse("PREDICT LIST_DISTINCT(I.OFFER_ID, 0, 7) FOR EACH C.ID"));
        assertEquals("expected RANK but found 'FOR'", e.problem());
    }

    @Test
    void starOutsideAnAggregationIsRejected() {
        QueryException e = assertThrows(QueryException.class,
                () -> QueryParser.parse("PREDICT COUNT(T.*, 0, 1) FOR EACH C.*"));
        assertTrue(e.problem().contains("only allowed inside an aggregation"));
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "PREDICT COUNT(T.*, 0, 1) FOR EACH C.ID WHERE " + "(".repeat(5000) + "C.A = 1" + ")".repeat(5000);
        QueryException e = assertThrows(QueryException.class, () -> QueryParser.parse(deep));
        assertEquals("condition nested too deeply", e.problem());
        String nots = "PREDICT COUNT(T.*, 0, 1) FOR EACH C.ID WHERE " + "NOT ".repeat(5000) + "C.A = 1";
        assertThrows(QueryException.class, () -> QueryParser.parse(nots));
    }
}
