package org.relgraph.datasets.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.QueryException;
import org.relgraph.schema.Schema;

/**
 * The mistakes a user makes writing a query against the bank, as the CLI shows them ({@link
 * QueryException#userMessage()}: problem with line and column, the offending line, carets under the offending
 * text, a hint). The expected column is found from the query text here, and the carets must sit under exactly
 * the text named, so a position that is off by one fails.
 */
class BankQueryErrorsTest {
    /** The schema the generator writes to schema.yaml, which is what the CLI binds queries against. */
    private static final Schema BANK = BankTable.schema(OutputFormat.CSV, false);

    @Test
    void unknownTableOnALaterLineSuggestsTheClosestName() {
        String q = """
                PREDICT COUNT(TRANSACTIONS.*, 0, 30, days)
                FOR EACH CUSTOMERS.CUSTOMER_ID
                WHERE CUSTOMER.SEGMENT = 'Premier'""";
        assertPointsAt(q, 3, "WHERE ", "CUSTOMER", "unknown table 'CUSTOMER'", "did you mean 'customers'?");
    }

    @Test
    void unknownColumnSuggestsTheClosestName() {
        String q = "PREDICT BOOL(PRODUCT_HOLDINGS.PRODCT = 'Mortgage', 0, 6, months) FOR EACH CUSTOMERS.CUSTOMER_ID";
        assertPointsAt(q, 1, "HOLDINGS.", "PRODCT", "unknown column 'PRODCT' in table product_holdings",
                "did you mean 'product'?");
    }

    @Test
    void categoryComparedWithANumberIsATypeMismatch() {
        String q = "PREDICT SUM(TRANSACTIONS.AMOUNT WHERE TRANSACTIONS.MERCHANT_CATEGORY = 3, 0, 30, days)\n"
                + "FOR EACH CUSTOMERS.CUSTOMER_ID";
        assertPointsAt(q, 1, "CATEGORY = ", "3", "cannot compare categorical column "
                + "transactions.merchant_category with number 3", "put the value in single quotes: '3'");
    }

    @Test
    void amountComparedWithAQuotedNumberIsATypeMismatch() {
        String q = "PREDICT COUNT(TRANSACTIONS.* WHERE TRANSACTIONS.AMOUNT > '100', 0, 30, days) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID";
        assertPointsAt(q, 1, "AMOUNT > ", "'100'", "cannot compare numerical column transactions.amount with "
                + "string '100'", "drop the quotes: 100");
    }

    @Test
    void windowEndingAtItsStartIsRejected() {
        String q = "PREDICT COUNT(TRANSACTIONS.*, 30, 30, days) FOR EACH CUSTOMERS.CUSTOMER_ID";
        assertPointsAt(q, 1, "TRANSACTIONS.*, ", "30, 30", "window end 30 must be after its start 30",
                "end > start");
    }

    @Test
    void windowEndingBeforeItsStartIsRejected() {
        String q = "PREDICT\n  BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 6, 0, months)\nFOR EACH CUSTOMERS.CUSTOMER_ID";
        assertPointsAt(q, 2, "'Mortgage', ", "6, 0", "window end 0 must be after its start 6", "end > start");
    }

    @Test
    void averageOfACategoryIsRejected() {
        String q = "PREDICT AVG(TRANSACTIONS.MERCHANT_CATEGORY, 0, 30, days) FOR EACH CUSTOMERS.CUSTOMER_ID";
        assertPointsAt(q, 1, "TRANSACTIONS.", "MERCHANT_CATEGORY",
                "cannot take AVG of categorical column transactions.merchant_category", "COUNT_DISTINCT");
    }

    @Test
    void targetTableNotLinkedToTheEntityTableIsRejected() {
        String q = "PREDICT COUNT(TRANSACTIONS.*, 0, 30, days) FOR EACH PRODUCT_CATALOG.PRODUCT_ID";
        assertPointsAt(q, 1, "COUNT(", "TRANSACTIONS", "table transactions is not linked to the entity table "
                + "product_catalog", "tables linked to product_catalog: product_holdings");
    }

    @Test
    void filterTableNotLinkedToTheEntityTableIsRejected() {
        String q = "PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 30, days) FOR EACH PRODUCT_CATALOG.PRODUCT_ID\n"
                + "WHERE INTERACTION_HISTORY.OUTCOME = 'Accepted'";
        assertPointsAt(q, 2, "WHERE ", "INTERACTION_HISTORY", "table interaction_history is not linked to the "
                + "entity table product_catalog", "hold a foreign key to it");
    }

    @Test
    void targetTableWithoutTimesIsRejected() {
        String q = "PREDICT COUNT(PRODUCT_CATALOG.*, 0, 30, days) FOR EACH CUSTOMERS.CUSTOMER_ID";
        assertPointsAt(q, 1, "COUNT(", "PRODUCT_CATALOG", "target table product_catalog has no time column",
                "a label window needs row times");
    }

    /**
     * Parsing {@code query} fails with {@code problem} at {@code line}, at the column where {@code underlined}
     * follows {@code before} on that line, with carets under exactly {@code underlined} and a hint containing
     * {@code hint}.
     */
    private static void assertPointsAt(String query, int line, String before, String underlined, String problem,
                                       String hint) {
        QueryException e = assertThrows(QueryException.class, () -> PredictiveQuery.parse(query, BANK));
        String sourceLine = query.split("\n")[line - 1];
        int at = sourceLine.indexOf(before + underlined);
        assertTrue(at >= 0, "test setup: '" + before + underlined + "' not on line " + line);
        int column = at + before.length() + 1;
        assertEquals(problem, e.problem());
        assertEquals(line, e.line(), "line");
        assertEquals(column, e.column(), "column");
        String[] shown = e.userMessage().split("\n");
        assertEquals(4, shown.length, e.userMessage());
        assertEquals(problem + " at line " + line + ", column " + column, shown[0]);
        assertEquals(sourceLine, shown[1]);
        assertEquals(" ".repeat(column - 1) + "^".repeat(underlined.length()), shown[2], e.userMessage());
        assertTrue(shown[3].startsWith("hint: ") && shown[3].contains(hint), shown[3]);
    }
}
