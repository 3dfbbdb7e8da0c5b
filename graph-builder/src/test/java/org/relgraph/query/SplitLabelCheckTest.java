package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.query.TestTables.day;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

class SplitLabelCheckTest {
    private static final Database DB = BankData.database();
    /** Train 2024-01-31 (mortgages of customers 2 and 4 follow), val 2024-02-29, test 2024-03-10. */
    private static final List<Long> TRAIN = List.of(day("2024-01-31"));
    private static final long VAL = day("2024-02-29");
    private static final long TEST = day("2024-03-10");

    private static SchemaException rejected(String query, List<Long> train, long val, long test) {
        PredictiveQuery q = PredictiveQuery.parse(query, DB.schema());
        TrainingSplits splits = new TrainingTableBuilder(DB, q).build(new SplitPlan(train, val, test, q.window()));
        return assertThrows(SchemaException.class, () -> SplitLabelCheck.requireLearnable(DB, q, splits));
    }

    private static void accepted(String query, List<Long> train, long val, long test) {
        PredictiveQuery q = PredictiveQuery.parse(query, DB.schema());
        TrainingSplits splits = new TrainingTableBuilder(DB, q).build(new SplitPlan(train, val, test, q.window()));
        assertDoesNotThrow(() -> SplitLabelCheck.requireLearnable(DB, q, splits));
    }

    @Test
    void aBinarySplitWithoutPositivesNamesItsAnchorsRowsAndTheTargetsTimeRange() {
        SchemaException e = rejected("PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Pension', 0, 1, months) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID", TRAIN, VAL, TEST);
        assertEquals("the train split has only negative labels (5 examples, 0 positives) (anchor 2024-01-31, labels "
                + "from PRODUCT_HOLDINGS rows in (2024-01-31, 2024-02-29]), so a model can neither learn from nor "
                + "be measured on it", e.getMessage());
        assertEquals("check the values in the target's condition (compared exactly, case included), widen the "
                + "window, or move the anchors (--val-time, --train-anchors) to a period with events; "
                + "PRODUCT_HOLDINGS rows span 2023-05-01 .. 2024-02-29T00:00:00.001Z", e.hint());
    }

    @Test
    void aLaterSplitWithoutPositivesIsNamedToo() {
        // Mortgages open in February only: the train and val windows see them, the test window (March) does not.
        SchemaException e = rejected("PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 1, months) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID", TRAIN, VAL, TEST);
        assertTrue(e.getMessage().startsWith("the test split has only negative labels (6 examples, 0 positives) "
                + "(anchor 2024-03-10, labels from PRODUCT_HOLDINGS rows in (2024-03-10, 2024-04-10])"),
                e.getMessage());
        assertTrue(e.hint().contains("move the anchors (--test-time) to a period with events"), e.hint());
    }

    @Test
    void aSplitOfOnlyPositivesIsRefusedWithTheOppositeAdvice() {
        SchemaException e = rejected("PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 1, months) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID WHERE CUSTOMERS.CUSTOMER_ID IN (2, 4)", TRAIN, VAL, TEST);
        assertTrue(e.getMessage().startsWith("the train split has only positive labels (2 examples, all positive)"),
                e.getMessage());
        assertTrue(e.hint().startsWith("the target holds for every example: narrow"), e.hint());
    }

    @Test
    void aSplitWithoutExamplesSaysNoEntityPassesThen() {
        SchemaException e = rejected("PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) FOR EACH CUSTOMERS.CUSTOMER_ID "
                + "WHERE CUSTOMERS.SEGMENT = 'Private'", TRAIN, VAL, TEST);
        assertTrue(e.getMessage().startsWith("the train split has no examples (anchor 2024-01-31"), e.getMessage());
        assertTrue(e.hint().startsWith("no CUSTOMERS row exists and passes the filter at these anchors"), e.hint());
    }

    @Test
    void aConstantRegressionTargetAndASingleClassAreRefused() {
        SchemaException count = rejected("PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID", List.of(day("2023-06-30")), VAL, TEST);
        assertTrue(count.getMessage().startsWith("the train split has the same label for every example (5 examples, "
                + "all 0) (anchor 2023-06-30"), count.getMessage());
        SchemaException classes = rejected("PREDICT FIRST(PRODUCT_HOLDINGS.PRODUCT, 0, 1, months) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID", List.of(day("2023-04-30")), day("2024-01-31"), VAL);
        assertTrue(classes.getMessage().startsWith("the train split has a single class (1 examples"),
                classes.getMessage());
    }

    @Test
    void aRankingSplitWithoutAcceptancesIsRefused() {
        // The offers of (01-27, 02-03] were all rejected; the week after 02-01 holds acceptances. The data has no
        // rejected-only week after an accepted one, so the test anchor comes first here: the check reads each
        // split on its own.
        String argmax = "PREDICT ARGMAX(INTERACTION_HISTORY.OUTCOME = 'Accepted', 0, 7, days) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID";
        SchemaException e = rejected(argmax, List.of(day("2024-02-01")), day("2024-02-01"), day("2024-01-27"));
        assertTrue(e.getMessage().startsWith("the test split has no entity that accepted anything (3 candidate rows, "
                + "0 accepted)"), e.getMessage());
        SchemaException none = rejected(argmax, List.of(day("2024-02-01")), day("2024-02-08"), day("2024-03-09"));
        assertTrue(none.getMessage().startsWith("the val split has no examples"), none.getMessage());
        assertTrue(none.hint().startsWith("no INTERACTION_HISTORY row falls in its windows"), none.hint());
        SchemaException lists = rejected("PREDICT LIST_DISTINCT(INTERACTION_HISTORY.OFFER_ID, 0, 7, days) RANK TOP 3 "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID", List.of(day("2024-02-01")), day("2024-02-08"),
                day("2024-03-09"));
        assertTrue(lists.getMessage().startsWith("the val split has no entity that references any "
                + "INTERACTION_HISTORY.OFFER_ID in its window"), lists.getMessage());
    }

    @Test
    void splitsWithBothClassesPass() {
        accepted("PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 1, months) FOR EACH CUSTOMERS.CUSTOMER_ID",
                TRAIN, day("2024-01-31"), day("2024-01-31"));
        accepted("PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) FOR EACH CUSTOMERS.CUSTOMER_ID",
                TRAIN, day("2024-01-31"), day("2024-01-31"));
    }
}
