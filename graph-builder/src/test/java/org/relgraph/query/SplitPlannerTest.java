package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.query.TestTables.day;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

class SplitPlannerTest {
    private static final TimeWindow ONE_MONTH = new TimeWindow(0, 1, WindowUnit.MONTHS);

    private static void assertNoWindowCrossesIntoALaterSplit(SplitPlan plan, long maxTime) {
        TimeWindow w = plan.window();
        for (long t : plan.testAnchors()) {
            assertTrue(w.endTime(t) <= maxTime, "test window at " + SplitPlan.iso(t) + " fits in the data");
        }
        for (long t : plan.valAnchors()) {
            assertTrue(w.endTime(t) <= plan.testAnchor(), "val window at " + SplitPlan.iso(t) + " overlaps test");
        }
        for (long t : plan.trainAnchors()) {
            assertTrue(w.endTime(t) <= plan.valAnchor(), "train window at " + SplitPlan.iso(t) + " overlaps val");
        }
    }

    @Test
    void defaultTestAnchorIsFlooredToMidnightSoItStillFits() {
        long lastRow = day("2024-12-31") + 22 * 3_600_000L + 58 * 60_000L;
        SplitPlan plan = new SplitPlanner(day("2023-01-01"), lastRow, ONE_MONTH).plan();
        assertEquals(day("2024-11-30"), plan.testAnchor());
        assertNoWindowCrossesIntoALaterSplit(plan, lastRow);
    }

    @Test
    void defaultsStepBackFromTheEndOfTheDataInCalendarMonths() {
        SplitPlan plan = new SplitPlanner(day("2023-01-01"), day("2024-12-31"), ONE_MONTH).plan();
        assertEquals(day("2024-11-30"), plan.testAnchor());
        assertEquals(day("2024-10-30"), plan.valAnchor());
        List<Long> train = plan.trainAnchors();
        assertEquals(21, train.size(), "2024-09-30 back to 2023-01-30, the last one not before the data starts");
        assertEquals(day("2023-01-30"), train.get(0));
        assertEquals(day("2024-09-30"), train.get(20));
        assertEquals(day("2024-02-29"), train.get(13), "months are calendar months: Oct 30 minus 8 is Feb 29");
        assertNoWindowCrossesIntoALaterSplit(plan, day("2024-12-31"));
    }

    @Test
    void trainAnchorsStepByTheWindowLengthWhenTheWindowStartsLater() {
        TimeWindow w = new TimeWindow(7, 14, WindowUnit.DAYS);
        SplitPlan plan = new SplitPlanner(day("2024-01-01"), day("2024-03-31"), w).plan();
        assertEquals(day("2024-03-17"), plan.testAnchor());
        assertEquals(day("2024-03-03"), plan.valAnchor());
        List<Long> train = plan.trainAnchors();
        assertEquals(day("2024-02-18"), train.get(train.size() - 1));
        assertEquals(day("2024-02-11"), train.get(train.size() - 2));
        assertEquals(day("2024-01-07"), train.get(0));
        assertNoWindowCrossesIntoALaterSplit(plan, day("2024-03-31"));
    }

    /** Berka's case: a 3-month window, monthly train anchors, so three times the examples from the same span. */
    @Test
    void aSmallerTrainAnchorStepGivesOverlappingWindowsThatStillEndByTheValAnchor() {
        TimeWindow threeMonths = new TimeWindow(0, 3, WindowUnit.MONTHS);
        SplitPlan tiled = new SplitPlanner(day("2023-01-01"), day("2024-12-31"), threeMonths).plan();
        SplitPlan monthly = new SplitPlanner(day("2023-01-01"), day("2024-12-31"), threeMonths).trainAnchorStep(1)
                .plan();
        assertEquals(tiled.valAnchor(), monthly.valAnchor());
        assertEquals(tiled.testAnchor(), monthly.testAnchor());
        List<Long> train = monthly.trainAnchors();
        assertEquals(tiled.trainAnchors().get(tiled.trainAnchors().size() - 1), train.get(train.size() - 1),
                "the newest train anchor is still val - end");
        assertEquals(day("2024-03-30"), train.get(train.size() - 1), "val 2024-06-30 minus the 3-month window");
        assertEquals(day("2024-02-29"), train.get(train.size() - 2), "one calendar month back");
        assertEquals(day("2023-01-30"), train.get(0), "the oldest not before the data starts");
        assertEquals(15, train.size());
        assertEquals(5, tiled.trainAnchors().size(), "2023-03-30 ... 2024-03-30, three months apart");
        assertNoWindowCrossesIntoALaterSplit(monthly, day("2024-12-31"));
        SchemaException e = assertThrows(SchemaException.class, () -> new SplitPlanner(day("2023-01-01"),
                day("2024-12-31"), threeMonths).trainAnchorStep(0));
        assertEquals("train anchor step 0 is not positive", e.getMessage());
    }

    @Test
    void defaultTrainAnchorsAreCapped() {
        SplitPlan plan = new SplitPlanner(day("2000-01-01"), day("2024-12-31"), new TimeWindow(0, 1, WindowUnit.DAYS))
                .plan();
        assertEquals(SplitPlanner.DEFAULT_MAX_TRAIN_ANCHORS, plan.trainAnchors().size());
        assertEquals(5, new SplitPlanner(day("2000-01-01"), day("2024-12-31"), ONE_MONTH).maxTrainAnchors(5).plan()
                .trainAnchors().size());
    }

    @Test
    void overridesAreHonouredAndChecked() {
        SplitPlan plan = new SplitPlanner(day("2023-01-01"), day("2024-12-31"), ONE_MONTH)
                .testTime(day("2024-06-30")).valTime(day("2024-05-15")).trainAnchorCount(3).plan();
        assertEquals(day("2024-06-30"), plan.testAnchor());
        assertEquals(day("2024-05-15"), plan.valAnchor());
        assertEquals(List.of(day("2024-02-15"), day("2024-03-15"), day("2024-04-15")), plan.trainAnchors());
        assertNoWindowCrossesIntoALaterSplit(plan, day("2024-12-31"));
    }

    @Test
    void valWindowOverlappingTheTestAnchorIsRejected() {
        SchemaException e = assertThrows(SchemaException.class, () -> new SplitPlanner(day("2023-01-01"),
                day("2024-12-31"), ONE_MONTH).testTime(day("2024-06-30")).valTime(day("2024-06-01")).plan());
        assertTrue(e.getMessage().contains("reaches past the test anchor 2024-06-30"), e.getMessage());
        assertTrue(e.hint().contains("2024-05-30"), e.hint());
    }

    @Test
    void tooLittleHistoryIsExplained() {
        SchemaException e = assertThrows(SchemaException.class,
                () -> new SplitPlanner(day("2024-10-01"), day("2024-12-31"), ONE_MONTH).plan());
        assertTrue(e.getMessage().startsWith("no train anchor fits"), e.getMessage());
    }

    @Test
    void timeRangeComesFromEveryTimeColumnAndSplitsBuildWithoutOverlap() {
        Database db = BankData.database();
        PredictiveQuery q = PredictiveQuery.parse("PREDICT COUNT(INTERACTION_HISTORY.*, 0, 7, days) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID", db.schema());
        SplitPlan plan = new SplitPlanner(db, q.window()).plan();
        assertEquals(day("2024-03-08"), plan.testAnchor(), "latest time is the interaction of 2024-03-15");
        assertEquals(day("2024-03-01"), plan.valAnchor());
        assertEquals(day("2023-01-06"), plan.trainAnchors().get(0), "earliest time is the joins of 2023-01-01");
        assertEquals(60, plan.trainAnchors().size(), "420 days of weekly anchors back from the val anchor");
        TrainingSplits splits = new TrainingTableBuilder(db, q).build(plan);
        assertEquals(plan.trainAnchors().size(), splits.train().summary().anchors());
        assertEquals(List.of(plan.valAnchor()), splits.val().anchors());
        assertEquals(List.of(plan.testAnchor()), splits.test().anchors());
        assertTrue(splits.toString().startsWith("train: " + plan.trainAnchors().size() + " anchors"),
                splits.toString());
    }

    @Test
    void defaultSplitTimesComeFromTheQuerysTablesSoAnUnrelatedRecentTableChangesNothing() {
        Database db = BankData.database();
        // Same bank plus a branch opened years after every other row, linked to nothing the query reads.
        java.util.List<org.relgraph.table.Table> tables = new java.util.ArrayList<>(db.tables());
        tables.set(4, TestTables.of(BankSchema.branches(), new Object[] {1L, "Leeds", "2030-01-01"}));
        Database withBranch = new Database(BankSchema.schema(), tables);
        PredictiveQuery q = PredictiveQuery.parse("PREDICT COUNT(INTERACTION_HISTORY.*, 0, 7, days) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID", db.schema());
        SplitPlanner planner = new SplitPlanner(withBranch, q);
        assertEquals(new SplitPlanner(db, q).plan(), planner.plan());
        assertEquals(day("2024-03-08"), planner.plan().testAnchor(), "the interaction of 2024-03-15 is the latest");
        assertEquals(day("2023-01-06"), planner.plan().trainAnchors().get(0), "the joins of 2023-01-01 the earliest");
        assertEquals("the query's tables: latest row in INTERACTION_HISTORY (2024-03-15T00:00:00Z), earliest in "
                + "CUSTOMERS (2023-01-01T00:00:00Z); other tables are ignored", planner.timeSource());
        assertEquals(day("2029-12-25"), new SplitPlanner(withBranch, q.window()).plan().testAnchor(),
                "every table's times, RelBench's rule, follow the branch into an empty window");
    }

    private static final long RELBENCH_VAL = day("2005-01-01");
    private static final long RELBENCH_TEST = day("2010-01-01");

    private static SplitPlan relBenchStyle(long minTime, long maxTime, int windowDays) {
        return new SplitPlanner(minTime, maxTime, new TimeWindow(0, windowDays, WindowUnit.DAYS))
                .valTime(RELBENCH_VAL).testTime(RELBENCH_TEST).maxEvalAnchors(40).maxTrainAnchors(Integer.MAX_VALUE)
                .plan();
    }

    private static List<Long> stepping(long first, int count, int days) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> first + i * days * 86_400_000L).toList();
    }

    @Test
    void evaluationAnchorsStepByTheWindowUpToTheCap() {
        SplitPlan plan = relBenchStyle(day("1950-05-13"), day("2023-08-26"), 30);
        assertEquals(stepping(RELBENCH_VAL, 40, 30), plan.valAnchors(), "40 val anchors end in 2008, before test");
        assertEquals(stepping(RELBENCH_TEST, 40, 30), plan.testAnchors());
        assertEquals(RELBENCH_VAL, plan.valAnchor());
        assertEquals(RELBENCH_TEST, plan.testAnchor());
        List<Long> train = plan.trainAnchors();
        assertEquals(RELBENCH_VAL - 30 * 86_400_000L, train.get(train.size() - 1));
        assertTrue(train.get(0) >= day("1950-05-13") && train.get(0) - 30 * 86_400_000L < day("1950-05-13"),
                "train anchors reach back to the first one not before the data starts");
        assertEquals(665, train.size(), "19,927 days from 1950-05-13 to 2004-12-02: 664 whole steps of 30 days, "
                + "plus the anchor they start from");
        assertNoWindowCrossesIntoALaterSplit(plan, day("2023-08-26"));
    }

    @Test
    void valAnchorsStopWhereTheirWindowWouldReachTheTestPeriod() {
        SplitPlan plan = relBenchStyle(day("1950-05-13"), day("2023-08-26"), 60);
        // The last val anchor must be <= 2009-11-02 (test - 60 days): 2005-01-01 + 29 * 60 days = 2009-10-07.
        assertEquals(stepping(RELBENCH_VAL, 30, 60), plan.valAnchors());
        assertEquals(day("2009-10-07"), plan.valAnchors().get(29));
        assertEquals(40, plan.testAnchors().size());
        assertNoWindowCrossesIntoALaterSplit(plan, day("2023-08-26"));
    }

    @Test
    void testAnchorsStopWhereTheirWindowWouldLeaveTheData() {
        SplitPlan plan = relBenchStyle(day("1950-05-13"), day("2010-04-15"), 30);
        // <= 2010-03-16 (max - 30 days): 01-01, 01-31, 03-02.
        assertEquals(stepping(RELBENCH_TEST, 3, 30), plan.testAnchors());
        assertNoWindowCrossesIntoALaterSplit(plan, day("2010-04-15"));
        SplitPlan beyond = relBenchStyle(day("1950-05-13"), day("2010-01-15"), 30);
        assertEquals(List.of(RELBENCH_TEST), beyond.testAnchors(), "an explicit test time keeps its one anchor");
    }

    @Test
    void evaluationAnchorsStepInCalendarMonths() {
        SplitPlan plan = new SplitPlanner(day("2023-01-01"), day("2024-12-31"), ONE_MONTH)
                .valTime(day("2024-01-31")).testTime(day("2024-06-30")).maxEvalAnchors(40).plan();
        assertEquals(List.of(day("2024-01-31"), day("2024-02-29"), day("2024-03-31"), day("2024-04-30"),
                day("2024-05-31")), plan.valAnchors(), "the last val window, May 31 + 1 month, ends on the test anchor");
        assertEquals(6, plan.testAnchors().size(), "06-30 .. 11-30, whose window ends 12-30");
        assertNoWindowCrossesIntoALaterSplit(plan, day("2024-12-31"));
    }

    @Test
    void builderLabelsEveryEvaluationAnchor() {
        Database db = BankData.database();
        PredictiveQuery q = PredictiveQuery.parse("PREDICT COUNT(INTERACTION_HISTORY.*, 0, 7, days) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID", db.schema());
        SplitPlan plan = new SplitPlanner(db, q.window()).valTime(day("2024-02-01")).testTime(day("2024-02-15"))
                .maxEvalAnchors(3).plan();
        assertEquals(List.of(day("2024-02-01"), day("2024-02-08")), plan.valAnchors());
        assertEquals(List.of(day("2024-02-15"), day("2024-02-22"), day("2024-02-29")), plan.testAnchors());
        TrainingSplits splits = new TrainingTableBuilder(db, q).build(plan);
        assertEquals(plan.valAnchors(), splits.val().anchors());
        assertEquals(plan.testAnchors(), splits.test().anchors());
        assertEquals(5 + 5, splits.val().size(), "customers 1-4 and 6 at both val anchors (5 joins 02-10)");
        assertEquals(6 * 3, splits.test().size());
    }
}
