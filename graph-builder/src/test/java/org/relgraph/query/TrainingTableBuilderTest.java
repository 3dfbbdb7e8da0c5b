package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.query.BankData.ANCHOR;
import static org.relgraph.query.TestTables.day;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relgraph.table.Database;

class TrainingTableBuilderTest {
    private static final Database DB = BankData.database();

    private static TrainingTable build(String query, long... anchors) {
        PredictiveQuery q = PredictiveQuery.parse(query, DB.schema());
        List<Long> list = java.util.Arrays.stream(anchors).boxed().toList();
        return new TrainingTableBuilder(DB, q).build("train", list);
    }

    /** Customer id → label, for a single-anchor table. */
    private static Map<String, Double> labels(TrainingTable t) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            out.put(t.entityKey(i), t.label(i));
        }
        return out;
    }

    private static final String COUNT_HOLDINGS = "PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) "
            + "FOR EACH CUSTOMERS.CUSTOMER_ID";

    @Test
    void windowExcludesTheAnchorAndIncludesItsEndInCalendarMonths() {
        // (2024-01-31, 2024-02-29]: a month after Jan 31 is the last day of February, not March 2.
        TrainingTable t = build(COUNT_HOLDINGS, ANCHOR);
        assertEquals(Map.of("1", 0.0, "2", 2.0, "3", 1.0, "4", 1.0, "6", 0.0), labels(t),
                "1's row at the anchor is history; 2's row at anchor+1 month counts; 3's a millisecond later does not");
    }

    private static List<String> population(String query, long t) {
        PredictiveQuery q = PredictiveQuery.parse(query, DB.schema());
        int[] rows = new TrainingTableBuilder(DB, q).population(t);
        var keys = DB.table("customers").requireColumn("customer_id");
        return java.util.Arrays.stream(rows).mapToObj(keys::format).toList();
    }

    @Test
    void scoringPopulationIsTheTrainingPopulationWithoutLabels() {
        // Same entities as the training rows at the anchor (1 already holds a mortgage, 5 has not joined), and
        // nothing after the anchor is read: 4's mortgage the next day does not remove it.
        assertEquals(List.of("2", "3", "4", "6"), population(QueryParserTest.MORTGAGE, ANCHOR));
        assertEquals(List.of("2", "3", "6"), population(QueryParserTest.MORTGAGE, day("2024-02-01")));
    }

    @Test
    void scoringIgnoresPopulationConditionsThatNeedTheFuture() {
        String q = "PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) FOR EACH CUSTOMERS.CUSTOMER_ID "
                + "WHERE COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) > 0";
        TrainingTable t = build(q, ANCHOR);
        assertEquals(Map.of("2", 2.0, "3", 1.0, "4", 1.0), labels(t), "training keeps only entities with rows");
        assertEquals(List.of("1", "2", "3", "4", "6"), population(q, ANCHOR),
                "scoring cannot know next month's rows, so every existing customer is scored");
    }

    @Test
    void mortgageQueryFilterOnlySeesChildRowsUpToTheAnchor() {
        TrainingTable t = build(QueryParserTest.MORTGAGE, ANCHOR);
        // 1 holds a mortgage opened at the anchor: filtered out. 4 opens one the next day: that future row must
        // not filter it out, and is its positive label. 5 joins after the anchor. 6 has no holdings at all.
        assertEquals(Map.of("2", 1.0, "3", 1.0, "4", 1.0, "6", 0.0), labels(t));
        TrainingTable dayLater = build(QueryParserTest.MORTGAGE, day("2024-02-01"));
        assertFalse(labels(dayLater).containsKey("4"), "at 2024-02-01 customer 4's mortgage is history");
    }

    @Test
    void positiveChildConditionNeedsARowAtOrBeforeTheAnchor() {
        String q = COUNT_HOLDINGS + " WHERE PRODUCT_HOLDINGS.PRODUCT = 'Savings'";
        assertEquals(List.of("4"), List.copyOf(labels(build(q, ANCHOR)).keySet()));
        assertEquals(List.of("2", "3", "4"), List.copyOf(labels(build(q, day("2024-02-20"))).keySet()),
                "customer 2's savings row at exactly 02-20 is known at that anchor");
    }

    @Test
    void entitiesCreatedAfterTheAnchorAreExcluded() {
        assertFalse(labels(build(COUNT_HOLDINGS, day("2024-02-09"))).containsKey("5"));
        assertTrue(labels(build(COUNT_HOLDINGS, day("2024-02-10"))).containsKey("5"));
    }

    @Test
    void entityFilterOnOwnColumnsIsARowPredicate() {
        String q = COUNT_HOLDINGS + " WHERE NOT CUSTOMERS.SEGMENT IN ('Mass') AND (CUSTOMERS.AGE > 45 OR "
                + "CUSTOMERS.IS_ACTIVE = TRUE)";
        assertEquals(List.of("1", "3", "4"), List.copyOf(labels(build(q, ANCHOR)).keySet()));
        String nullAge = COUNT_HOLDINGS + " WHERE CUSTOMERS.AGE != 30";
        assertEquals(List.of("1", "3", "4"), List.copyOf(labels(build(nullAge, ANCHOR)).keySet()),
                "a null age is neither 30 nor not 30");
    }

    @Test
    void sumCountsEmptyAsZeroAndSkipsNulls() {
        assertEquals(Map.of("1", 0.0, "2", 2000.0, "3", 10.0, "4", 500.0, "6", 0.0), labels(build(
                "PREDICT SUM(PRODUCT_HOLDINGS.BALANCE, 0, 1, months) FOR EACH CUSTOMERS.CUSTOMER_ID", ANCHOR)));
        assertEquals(Map.of("1", 0.0, "2", 1.0, "3", 1.0, "4", 1.0, "6", 0.0), labels(build(
                "PREDICT COUNT(PRODUCT_HOLDINGS.BALANCE, 0, 1, months) FOR EACH CUSTOMERS.CUSTOMER_ID", ANCHOR)));
    }

    @Test
    void averageDropsEntitiesWithoutRows() {
        assertEquals(Map.of("2", 2000.0, "3", 10.0, "4", 500.0), labels(build(
                "PREDICT AVG(PRODUCT_HOLDINGS.BALANCE, 0, 1, months) FOR EACH CUSTOMERS.CUSTOMER_ID", ANCHOR)));
    }

    @Test
    void thresholdTurnsAnAggregateIntoABinaryLabel() {
        TrainingTable t = build("PREDICT MAX(PRODUCT_HOLDINGS.BALANCE, 0, 1, months) > 100 "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID", ANCHOR);
        assertEquals(TaskType.BINARY, t.taskType());
        assertEquals(Map.of("2", 1.0, "3", 0.0, "4", 1.0), labels(t));
    }

    @Test
    void firstAndLastFollowTimeAndUseDictionaryCodes() {
        // Dictionary of PRODUCT in order of appearance: Mortgage = 0, Savings = 1.
        assertEquals(Map.of("2", 1.0, "3", 1.0, "4", 0.0), labels(build(
                "PREDICT FIRST(PRODUCT_HOLDINGS.PRODUCT, 0, 1, months) FOR EACH CUSTOMERS.CUSTOMER_ID", ANCHOR)));
        assertEquals(Map.of("2", 0.0, "3", 1.0, "4", 0.0), labels(build(
                "PREDICT LAST(PRODUCT_HOLDINGS.PRODUCT, 0, 1, months) FOR EACH CUSTOMERS.CUSTOMER_ID", ANCHOR)));
        assertEquals(Map.of("2", 1.0, "3", 0.0, "4", 1.0), labels(build(
                "PREDICT LAST(PRODUCT_HOLDINGS.PRODUCT, 0, 1, months) = 'Mortgage' FOR EACH CUSTOMERS.CUSTOMER_ID",
                ANCHOR)));
        assertEquals(Map.of("2", 1.0, "3", 1.0, "4", 1.0), labels(build(
                "PREDICT LAST(PRODUCT_HOLDINGS.PRODUCT, 0, 1, months) != 'Pension' FOR EACH CUSTOMERS.CUSTOMER_ID",
                ANCHOR)), "a value that never occurs differs from every label");
    }

    @Test
    void countDistinctAndWhere() {
        assertEquals(Map.of("1", 0.0, "2", 2.0, "3", 1.0, "4", 1.0, "6", 0.0), labels(build(
                "PREDICT COUNT_DISTINCT(PRODUCT_HOLDINGS.PRODUCT, 0, 1, months) FOR EACH CUSTOMERS.CUSTOMER_ID",
                ANCHOR)));
        assertEquals(Map.of("1", 0.0, "2", 1.0, "3", 1.0, "4", 0.0, "6", 0.0), labels(build(
                "PREDICT COUNT(PRODUCT_HOLDINGS.* WHERE PRODUCT_HOLDINGS.PRODUCT = 'Savings', 0, 1, months) "
                        + "FOR EACH CUSTOMERS.CUSTOMER_ID", ANCHOR)));
    }

    @Test
    void listDistinctCollectsReferencedRowsAndDropsEmptyLists() {
        TrainingTable t = build("PREDICT LIST_DISTINCT(INTERACTION_HISTORY.OFFER_ID, 0, 30, days) RANK TOP 3 "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID", ANCHOR);
        assertTrue(t.hasListLabels());
        assertEquals(1, t.size(), "2's only in-window offer is dangling, 3's is too late, 4's is null");
        assertEquals("1", t.entityKey(0));
        assertArrayEquals(new int[] {0, 1}, t.labelList(0), "offers 1 and 2 are rows 0 and 1");
    }

    @Test
    void argmaxGivesOneExamplePerCandidateRowGroupedByEntityInTimeOrder() {
        TrainingTable t = build(QueryParserTest.NEXT_BEST_ACTION, ANCHOR);
        assertEquals(4, t.size());
        int[] entities = new int[t.size()];
        int[] rows = new int[t.size()];
        double[] labels = new double[t.size()];
        for (int i = 0; i < t.size(); i++) {
            entities[i] = t.entityRow(i);
            rows[i] = t.targetRow(i);
            labels[i] = t.label(i);
        }
        assertArrayEquals(new int[] {0, 0, 0, 3}, entities);
        assertArrayEquals(new int[] {1, 0, 2, 6}, rows);
        assertArrayEquals(new double[] {0, 1, 1, 0}, labels);
    }

    @Test
    void severalAnchorsKeepTheirOrderAndTheSummaryCountsThem() {
        TrainingTable t = build(QueryParserTest.MORTGAGE, day("2023-12-31"), ANCHOR);
        assertEquals(List.of(day("2023-12-31"), ANCHOR), t.anchors());
        assertEquals(day("2023-12-31"), t.anchorTime(0));
        assertEquals(ANCHOR, t.anchorTime(t.size() - 1));
        TrainingTableSummary s = t.summary();
        assertEquals(2, s.anchors());
        assertEquals(t.size(), s.rows());
        // 2023-12-31, window to 2024-06-30: customers 1, 2, 3, 4 and 6 have no mortgage yet; all but 6 open one.
        // 2024-01-31: 1 is filtered out; 2, 3 and 4 open one, 6 does not. 7 positives in 9.
        assertEquals(9, s.rows());
        assertEquals(7.0 / 9, s.labelMean(), 1e-12);
        assertTrue(s.toString().startsWith("train: 2 anchors, 9 rows, positive rate 0.7778"), s.toString());
    }
    @Test
    void timestampAndIdLiteralsCompareInTheirOwnUnits() {
        assertEquals(List.of("1", "2", "4"), List.copyOf(labels(build(COUNT_HOLDINGS
                + " WHERE CUSTOMERS.JOINED_AT < '2023-03-01'", ANCHOR)).keySet()), "6's unknown join time is no date");
        assertEquals(List.of("2", "3"), List.copyOf(labels(build(COUNT_HOLDINGS
                + " WHERE CUSTOMERS.CUSTOMER_ID IN (2, '3', 77)", ANCHOR)).keySet()));
    }

    @Test
    void negatedChildConditionsMeanNoRowUpToTheAnchor() {
        assertEquals(List.of("1", "2", "3", "6"), List.copyOf(labels(build(COUNT_HOLDINGS
                + " WHERE PRODUCT_HOLDINGS.PRODUCT NOT IN ('Savings')", ANCHOR)).keySet()),
                "only 4 holds savings by the anchor; 6 holds nothing and passes");
        String nullBalance = COUNT_HOLDINGS + " WHERE PRODUCT_HOLDINGS.BALANCE IS NULL";
        assertTrue(labels(build(nullBalance, ANCHOR)).isEmpty(), "2's null-balance row comes later");
        assertEquals(List.of("2"), List.copyOf(labels(build(nullBalance, day("2024-02-20"))).keySet()));
    }
}
