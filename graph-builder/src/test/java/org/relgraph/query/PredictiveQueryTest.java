package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;

class PredictiveQueryTest {
    private static final Schema BANK = BankSchema.schema();

    private static PredictiveQuery bind(String text) {
        return PredictiveQuery.parse(text, BANK);
    }

    private static QueryException error(String text) {
        return assertThrows(QueryException.class, () -> bind(text));
    }

    @Test
    void mortgageQueryIsBinaryOverProductHoldings() {
        PredictiveQuery q = bind(QueryParserTest.MORTGAGE);
        assertEquals(TaskType.BINARY, q.taskType());
        assertEquals("CUSTOMERS", q.entityTable());
        assertEquals("CUSTOMER_ID", q.entityKey());
        assertEquals("PRODUCT_HOLDINGS", q.targetTable());
        assertEquals(new ForeignKey("PRODUCT_HOLDINGS", "CUSTOMER_ID", "CUSTOMERS"), q.targetLink().orElseThrow());
        assertEquals(Map.of("PRODUCT_HOLDINGS", new ForeignKey("PRODUCT_HOLDINGS", "CUSTOMER_ID", "CUSTOMERS")),
                q.filterLinks());
    }

    @Test
    void nextBestActionIsRankingWithAPlainEntityFilter() {
        PredictiveQuery q = bind(QueryParserTest.NEXT_BEST_ACTION);
        assertEquals(TaskType.RANKING, q.taskType());
        assertEquals("INTERACTION_HISTORY", q.targetTable());
        assertTrue(q.filterLinks().isEmpty(), "the filter only reads the entity table");
    }

    @Test
    void taskTypeFollowsTheTarget() {
        assertEquals(TaskType.REGRESSION, bind("PREDICT SUM(PRODUCT_HOLDINGS.BALANCE, 0, 30) FOR EACH CUSTOMERS.CUSTOMER_ID").taskType());
        assertEquals(TaskType.REGRESSION, bind("PREDICT COUNT(INTERACTION_HISTORY.*, 0, 30) FOR EACH CUSTOMERS.CUSTOMER_ID").taskType());
        assertEquals(TaskType.BINARY, bind("PREDICT COUNT(INTERACTION_HISTORY.*, 0, 30) > 0 FOR EACH CUSTOMERS.CUSTOMER_ID").taskType());
        assertEquals(TaskType.MULTICLASS, bind("PREDICT LAST(INTERACTION_HISTORY.CHANNEL, 0, 30) FOR EACH CUSTOMERS.CUSTOMER_ID").taskType());
        assertEquals(TaskType.BINARY, bind("PREDICT FIRST(INTERACTION_HISTORY.CHANNEL, 0, 30) = 'email' FOR EACH CUSTOMERS.CUSTOMER_ID").taskType());
        assertEquals(TaskType.REGRESSION, bind("PREDICT MAX(PRODUCT_HOLDINGS.OPENED_AT, 0, 30) FOR EACH CUSTOMERS.CUSTOMER_ID").taskType());
        assertEquals(TaskType.RANKING, bind("PREDICT LIST_DISTINCT(INTERACTION_HISTORY.OFFER_ID, 0, 30) RANK TOP 5 FOR EACH CUSTOMERS.CUSTOMER_ID").taskType());
    }

    @Test
    void namesAreMatchedInAnyCaseAndRewrittenToTheSchemaSpelling() {
        PredictiveQuery q = bind("predict bool(product_holdings.product = 'Mortgage', 0, 6, months) "
                + "for each customers.customer_id where customers.age >= 18");
        assertEquals("PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 6, months) FOR EACH "
                + "CUSTOMERS.CUSTOMER_ID WHERE CUSTOMERS.AGE >= 18", q.toString());
    }

    @Test
    void targetTableMayBeTheEntityTableItself() {
        PredictiveQuery q = bind("PREDICT COUNT(CUSTOMERS.*, 0, 1) FOR EACH CUSTOMERS.CUSTOMER_ID");
        assertTrue(q.targetLink().isEmpty());
    }

    @Test
    void unknownColumnShowsLineColumnCaretAndSuggestion() {
        String text = "PREDICT BOOL(PRODUCT_HOLDINGS.PRODCT = 'Mortgage', 0, 6, months)\n"
                + "FOR EACH CUSTOMERS.CUSTOMER_ID";
        QueryException e = error(text);
        int column = text.indexOf("PRODCT") + 1;
        assertEquals("unknown column 'PRODCT' in table PRODUCT_HOLDINGS at line 1, column " + column + "\n"
                + "PREDICT BOOL(PRODUCT_HOLDINGS.PRODCT = 'Mortgage', 0, 6, months)\n"
                + " ".repeat(column - 1) + "^^^^^^\n"
                + "hint: did you mean 'PRODUCT'?", e.userMessage());
    }

    @Test
    void unknownTableOnASecondLineSuggestsTheClosest() {
        QueryException e = error("PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 6)\nFOR EACH CUSTOMER.CUSTOMER_ID");
        assertEquals("unknown table 'CUSTOMER'", e.problem());
        assertEquals(2, e.line());
        assertEquals(10, e.column());
        assertEquals("did you mean 'CUSTOMERS'?", e.hint());
    }

    @Test
    void unknownNameFarFromAllListsTheChoices() {
        QueryException e = error("PREDICT COUNT(ZZZZZZZZ.*, 0, 6) FOR EACH CUSTOMERS.CUSTOMER_ID");
        assertTrue(e.hint().startsWith("tables are: CUSTOMERS, PRODUCT_HOLDINGS"), e.hint());
    }

    @Test
    void sumOfACategoricalIsATypeError() {
        QueryException e = error("PREDICT SUM(INTERACTION_HISTORY.CHANNEL, 0, 6) FOR EACH CUSTOMERS.CUSTOMER_ID");
        assertEquals("cannot take SUM of categorical column INTERACTION_HISTORY.CHANNEL", e.problem());
    }

    @Test
    void starOnlyWorksWithCount() {
        QueryException e = error("PREDICT AVG(INTERACTION_HISTORY.*, 0, 6) FOR EACH CUSTOMERS.CUSTOMER_ID");
        assertEquals("AVG needs a column, not INTERACTION_HISTORY.*", e.problem());
    }

    @Test
    void numberColumnComparedWithAStringIsATypeError() {
        QueryException e = error("PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 6) FOR EACH CUSTOMERS.CUSTOMER_ID "
                + "WHERE CUSTOMERS.AGE > '40'");
        assertEquals("cannot compare numerical column CUSTOMERS.AGE with string '40'", e.problem());
        assertEquals("drop the quotes: 40", e.hint());
    }

    @Test
    void categoryComparedWithANumberOrOrderedIsATypeError() {
        assertTrue(error("PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 6) FOR EACH CUSTOMERS.CUSTOMER_ID "
                + "WHERE CUSTOMERS.SEGMENT = 3").hint().contains("'3'"));
        assertTrue(error("PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 6) FOR EACH CUSTOMERS.CUSTOMER_ID "
                + "WHERE CUSTOMERS.SEGMENT < 'P'").problem().contains("has no order"));
    }

    @Test
    void thresholdMustMatchTheAggregateType() {
        QueryException e = error("PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 6) > 'many' FOR EACH CUSTOMERS.CUSTOMER_ID");
        assertTrue(e.problem().startsWith("cannot compare numerical COUNT(PRODUCT_HOLDINGS.*)"), e.problem());
    }

    @Test
    void datesAreStringsComparedWithTimestamps() {
        bind("PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 6) FOR EACH CUSTOMERS.CUSTOMER_ID "
                + "WHERE CUSTOMERS.JOINED_AT < '2024-01-31'");
        QueryException e = error("PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 6) FOR EACH CUSTOMERS.CUSTOMER_ID "
                + "WHERE CUSTOMERS.JOINED_AT < '31/01/2024'");
        assertTrue(e.hint().contains("'2024-03-01'"), e.hint());
    }

    @Test
    void targetTableNotLinkedToTheEntity() {
        QueryException e = error("PREDICT COUNT(BRANCHES.*, 0, 6) FOR EACH CUSTOMERS.CUSTOMER_ID");
        assertEquals("table BRANCHES is not linked to the entity table CUSTOMERS", e.problem());
        assertTrue(e.hint().contains("not supported yet"), e.hint());
        assertTrue(e.hint().contains("PRODUCT_HOLDINGS, INTERACTION_HISTORY"), e.hint());
    }

    @Test
    void twoForeignKeysToTheEntityAreAmbiguous() {
        QueryException e = error("PREDICT SUM(TRANSFERS.AMOUNT, 0, 6) FOR EACH CUSTOMERS.CUSTOMER_ID");
        assertTrue(e.problem().contains("2 foreign keys to CUSTOMERS (FROM_CUSTOMER, TO_CUSTOMER)"), e.problem());
    }

    @Test
    void staticTargetTableHasNoWindow() {
        QueryException e = error("PREDICT COUNT(OFFERS.*, 0, 6) FOR EACH OFFERS.OFFER_ID");
        assertEquals("target table OFFERS has no time column", e.problem());
    }

    @Test
    void forEachMustNameThePrimaryKey() {
        QueryException e = error("PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 6) FOR EACH CUSTOMERS.SEGMENT");
        assertEquals("write FOR EACH CUSTOMERS.CUSTOMER_ID", e.hint());
    }

    @Test
    void targetConditionMustStayInOneTable() {
        QueryException e = error("PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage' AND CUSTOMERS.AGE > 30, 0, 6) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID");
        assertTrue(e.problem().startsWith("a BOOL condition must use columns of one table"), e.problem());
    }

    @Test
    void listDistinctNeedsAForeignKey() {
        QueryException e = error("PREDICT LIST_DISTINCT(INTERACTION_HISTORY.CHANNEL, 0, 6) RANK TOP 3 "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID");
        assertEquals("foreign keys of INTERACTION_HISTORY: CUSTOMER_ID, OFFER_ID", e.hint());
    }

    @Test
    void planSpellsOutTheExistentialFilterAndTheWindow() {
        String plan = bind(QueryParserTest.MORTGAGE).plan();
        assertTrue(plan.contains("task:     BINARY"), plan);
        assertTrue(plan.contains("filter:   NOT EXISTS PRODUCT_HOLDINGS(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage')"), plan);
        assertTrue(plan.contains("time in (t + 0 months, t + 6 months]"), plan);
        assertTrue(plan.contains("label:    1 if any row satisfies PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', else 0"),
                plan);
    }
}
