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
        assertTrue(w.endTime(plan.testAnchor()) <= maxTime, "test window fits in the data");
        assertTrue(w.endTime(plan.valAnchor()) <= plan.testAnchor(), "val window ends by the test anchor");
        for (long t : plan.trainAnchors()) {
            assertTrue(w.endTime(t) <= plan.valAnchor(), "train window at " + SplitPlan.iso(t) + " overlaps val");
        }
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
}
