package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.query.BankData.ANCHOR;
import static org.relgraph.query.TestTables.day;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relgraph.table.Database;

/** Windowed aggregate conditions in the WHERE after FOR EACH: past windows as filters, future ones as populations. */
class WindowedFilterTest {
    private static final Database DB = BankData.database();
    private static final String COUNT_HOLDINGS = "PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) "
            + "FOR EACH CUSTOMERS.CUSTOMER_ID WHERE ";

    private static TrainingTable build(String query, long... anchors) {
        PredictiveQuery q = PredictiveQuery.parse(query, DB.schema());
        return new TrainingTableBuilder(DB, q).build("train", Arrays.stream(anchors).boxed().toList());
    }

    /** The customers given an example at the single anchor of {@code query}. */
    private static List<String> population(String where, long anchor) {
        TrainingTable t = build(COUNT_HOLDINGS + where, anchor);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            keys.add(t.entityKey(i));
        }
        return keys;
    }

    private static QueryException error(String where) {
        return assertThrows(QueryException.class, () -> PredictiveQuery.parse(COUNT_HOLDINGS + where, DB.schema()));
    }

    @Test
    void pastWindowIncludesTheAnchorAndExcludesItsStart() {
        assertEquals(List.of("1"), population("COUNT(PRODUCT_HOLDINGS.*, -1, 0, months) > 0", ANCHOR),
                "customer 1's holding at exactly the anchor is in (t - 1 month, t]");
        assertEquals(List.of("1", "4"), population("COUNT(PRODUCT_HOLDINGS.*, -365, 0, days) > 0", ANCHOR),
                "customer 4's 2023-05-01 holding is within a year");
        assertEquals(List.of("1"), population("COUNT(PRODUCT_HOLDINGS.*, -275, 0, days) > 0", ANCHOR),
                "2023-05-01 is exactly 275 days before the anchor: the window's start is exclusive");
    }

    @Test
    void futureWindowConditionsThePopulationAndAgreesWithTheLabel() {
        TrainingTable t = build(COUNT_HOLDINGS + "COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) > 0", ANCHOR);
        Map<String, Double> labels = new LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            labels.put(t.entityKey(i), t.label(i));
        }
        // 1's row at the anchor is history and 6 has none: without the condition both would be labelled 0.
        assertEquals(Map.of("2", 2.0, "3", 1.0, "4", 1.0), labels);
    }

    @Test
    void conditionIsRecomputedAtEveryAnchor() {
        TrainingTable t = build(COUNT_HOLDINGS + "COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) > 0", ANCHOR,
                day("2024-02-20"), ANCHOR);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            rows.add(SplitPlan.iso(t.anchorTime(i)).substring(0, 10) + ":" + t.entityKey(i));
        }
        // (02-20, 03-20]: 2's mortgage on 02-29 and 3's a millisecond later; 5 exists now but holds nothing.
        assertEquals(List.of("2024-01-31:2", "2024-01-31:3", "2024-01-31:4", "2024-02-20:2", "2024-02-20:3",
                "2024-01-31:2", "2024-01-31:3", "2024-01-31:4"), rows);
    }

    @Test
    void emptyAverageFailsTheComparisonSoItsNegationHolds() {
        // AVG in (01-31, 02-29]: 2 → 2000 (the null balance skipped), 3 → 10, 4 → 500; 1 and 6 have no rows.
        assertEquals(List.of("2", "4"), population("AVG(PRODUCT_HOLDINGS.BALANCE, 0, 1, months) > 100", ANCHOR));
        assertEquals(List.of("1", "3", "6"),
                population("NOT AVG(PRODUCT_HOLDINGS.BALANCE, 0, 1, months) > 100", ANCHOR));
    }

    @Test
    void innerWhereCountDistinctAndTimestampExtremes() {
        assertEquals(List.of("4"), population("SUM(PRODUCT_HOLDINGS.BALANCE WHERE PRODUCT_HOLDINGS.PRODUCT = "
                + "'Savings', -400, 0, days) >= 50", ANCHOR));
        assertEquals(List.of("2"), population("COUNT_DISTINCT(PRODUCT_HOLDINGS.PRODUCT, 0, 1, months) = 2", ANCHOR));
        assertEquals(List.of("1"), population("MAX(PRODUCT_HOLDINGS.OPENED_AT, -1000, 0, days) >= '2024-01-01'",
                ANCHOR), "4's latest holding known at the anchor is from 2023");
        assertEquals(List.of("3"), population("MIN(PRODUCT_HOLDINGS.BALANCE, -30, 30, days) < 50", ANCHOR),
                "a window may straddle the anchor");
    }

    @Test
    void combinesWithExistentialFiltersAndOtherTables() {
        // Savings held at the anchor: 4. Two or more interactions in (01-31, 02-07]: 1 (three); 2 has one, as its
        // 01-31 interaction is history.
        assertEquals(List.of("1", "4"), population("PRODUCT_HOLDINGS.PRODUCT = 'Savings' OR "
                + "COUNT(INTERACTION_HISTORY.*, 0, 7, days) >= 2", ANCHOR));
        assertEquals(List.of("4"), population("PRODUCT_HOLDINGS.PRODUCT = 'Savings' AND "
                + "COUNT(INTERACTION_HISTORY.*, 0, 7, days) = 1", ANCHOR));
    }

    @Test
    void entityTableItselfCanBeCountedInAWindow() {
        assertEquals(List.of("5"), population("COUNT(CUSTOMERS.*, -30, 0, days) > 0", day("2024-02-20")),
                "only customer 5 joined in the 30 days before 02-20");
    }

    @Test
    void populationConditionIsReportedAndExplained() {
        PredictiveQuery future = PredictiveQuery.parse(COUNT_HOLDINGS
                + "NOT (CUSTOMERS.AGE > 90 OR COUNT(PRODUCT_HOLDINGS.*, -5, 1, days) = 0)", DB.schema());
        assertTrue(future.hasPopulationCondition());
        assertTrue(future.plan().contains("population condition at label time"), future.plan());
        assertFalse(future.plan().contains("child rows with time <= t"), "windows say which rows they read");
        assertTrue(PredictiveQuery.parse(QueryParserTest.MORTGAGE + " OR COUNT(PRODUCT_HOLDINGS.*, 0, 1) > 1",
                DB.schema()).plan().contains("child rows with time <= t"), "the existential test still reads them");
        PredictiveQuery past = PredictiveQuery.parse(COUNT_HOLDINGS + "COUNT(PRODUCT_HOLDINGS.*, -5, 0, days) = 0",
                DB.schema());
        assertFalse(past.hasPopulationCondition());
        assertFalse(PredictiveQuery.parse(QueryParserTest.MORTGAGE, DB.schema()).hasPopulationCondition());
    }

    @Test
    void rendersBackToAnEquivalentQuery() {
        PredictiveQuery q = PredictiveQuery.parse(COUNT_HOLDINGS + "count(product_holdings.balance where "
                + "product_holdings.product = 'Savings', -3, 0, months) >= 2", DB.schema());
        assertEquals("PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) FOR EACH CUSTOMERS.CUSTOMER_ID WHERE "
                + "COUNT(PRODUCT_HOLDINGS.BALANCE WHERE PRODUCT_HOLDINGS.PRODUCT = 'Savings', -3, 0, months) >= 2",
                q.toString());
        assertEquals(q.toString(), PredictiveQuery.parse(q.toString(), DB.schema()).toString());
    }

    @Test
    void windowEndingAtOrBeforeItsStartIsPointedAt() {
        QueryException e = error("COUNT(PRODUCT_HOLDINGS.*, 0, -30, days) > 0");
        assertTrue(e.problem().contains("window end -30 must be after its start 0"), e.problem());
        assertEquals(COUNT_HOLDINGS.length() + "COUNT(PRODUCT_HOLDINGS.*, ".length() + 1, e.column());
        assertTrue(e.getMessage().endsWith("^".repeat("0, -30".length())), e.getMessage());
        assertTrue(error("COUNT(PRODUCT_HOLDINGS.*, 5, 5) > 0").problem().contains("must be after its start 5"));
    }

    @Test
    void labelWindowsStillMayNotStartBeforeTheAnchor() {
        QueryException e = assertThrows(QueryException.class, () -> PredictiveQuery.parse(
                "PREDICT COUNT(PRODUCT_HOLDINGS.*, -1, 1, months) FOR EACH CUSTOMERS.CUSTOMER_ID", DB.schema()));
        assertTrue(e.problem().contains("lies before the anchor"), e.problem());
    }

    @Test
    void misuseIsExplained() {
        QueryException noComparison = error("COUNT(PRODUCT_HOLDINGS.*, -30, 0, days)");
        assertTrue(noComparison.problem().contains("expected a comparison after COUNT( ... )"),
                noComparison.problem());
        QueryException inRowCondition = assertThrows(QueryException.class, () -> PredictiveQuery.parse(
                "PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage' AND COUNT(PRODUCT_HOLDINGS.*, -1, 0) > 0, 0, 1)"
                        + " FOR EACH CUSTOMERS.CUSTOMER_ID", DB.schema()));
        assertTrue(inRowCondition.hint().contains("move COUNT( ... ) to the WHERE after FOR EACH"),
                inRowCondition.hint());
        QueryException untimed = error("COUNT(OFFERS.*, -30, 0, days) > 0");
        assertTrue(untimed.problem().contains("OFFERS has no time column"), untimed.problem());
        QueryException sumOfAll = error("SUM(PRODUCT_HOLDINGS.*, -30, 0, days) > 0");
        assertTrue(sumOfAll.problem().contains("SUM needs a column"), sumOfAll.problem());
        QueryException wrongValue = error("AVG(PRODUCT_HOLDINGS.BALANCE, -30, 0, days) > 'high'");
        assertTrue(wrongValue.problem().contains("cannot compare numerical"), wrongValue.problem());
        QueryException notAnAggregate = error("COUNTT(PRODUCT_HOLDINGS.*, -30, 0, days) > 0");
        assertTrue(notAnAggregate.problem().contains("COUNTT( ... ) is not a condition"), notAnAggregate.problem());
        assertTrue(notAnAggregate.hint().contains("COUNT"), notAnAggregate.hint());
        QueryException twoKeys = error("COUNT(TRANSFERS.*, -30, 0, days) > 0");
        assertTrue(twoKeys.problem().contains("2 foreign keys"), twoKeys.problem());
    }
}
