package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.query.TestTables.day;
import static org.relgraph.query.TestTables.of;
import static org.relgraph.schema.SemanticType.ID;
import static org.relgraph.schema.SemanticType.NUMERICAL;
import static org.relgraph.schema.SemanticType.TIMESTAMP;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.Database;

/**
 * A driver's past labels, by hand: 10-day windows before the anchor 2024-01-31, i.e. (01-21, 01-31] (j = 0),
 * (01-11, 01-21] (j = 1), (01-01, 01-11] (j = 2). Rows on the boundaries and just after the anchor make every leak
 * change a value.
 */
class LabelHistoryTest {
    private static final long ANCHOR = day("2024-01-31");
    private static final String DNF = "PREDICT BOOL(RESULTS.DNF = 1, 0, 10, days) FOR EACH DRIVERS.DRIVER_ID "
            + "WHERE COUNT(RESULTS.*, 0, 10, days) > 0";
    private static final double W1 = Math.pow(0.5, 1 / LabelHistory.HALF_LIFE_WINDOWS);
    private static final double W2 = Math.pow(0.5, 2 / LabelHistory.HALF_LIFE_WINDOWS);

    private static final TableSchema DRIVERS = new TableSchema("DRIVERS", List.of(new ColumnSchema("DRIVER_ID", ID)),
            "DRIVER_ID", null, List.of());
    private static final TableSchema RESULTS = new TableSchema("RESULTS", List.of(
            new ColumnSchema("RESULT_ID", ID),
            new ColumnSchema("DRIVER_ID", ID),
            new ColumnSchema("DNF", NUMERICAL),
            new ColumnSchema("POSITION", NUMERICAL),
            new ColumnSchema("DATE", TIMESTAMP)),
            "RESULT_ID", "DATE", List.of(new ForeignKey("RESULTS", "DRIVER_ID", "DRIVERS")));

    /**
     * Driver 1 is row 0, driver 2 row 1, driver 3 row 2. With {@code earlyRow}, driver 3 also raced on 2023-01-01,
     * before every window looked at, so that none is anchored before the data starts.
     */
    private static Database database(boolean earlyRow) {
        Object[][] early = earlyRow ? new Object[][] {{31L, 3L, 0, 4, "2023-01-01"}} : new Object[0][];
        return new Database(new Schema(List.of(DRIVERS, RESULTS)), List.of(
                of(DRIVERS, new Object[] {1L}, new Object[] {2L}, new Object[] {3L}),
                of(RESULTS, java.util.stream.Stream.concat(java.util.Arrays.stream(early), java.util.stream.Stream.of(
                        new Object[] {10L, 1L, 1, 5, "2024-01-05"},   // j = 2: a DNF
                        new Object[] {11L, 1L, 0, 3, "2024-01-15"},   // j = 1
                        new Object[] {12L, 1L, 0, 2, "2024-01-31"},   // j = 0, exactly at the anchor: history
                        new Object[] {13L, 1L, 1, 9, "2024-02-01"},   // after the anchor: the next label
                        new Object[] {20L, 2L, 1, 7, "2024-02-05"},   // driver 2 races only after the anchor
                        new Object[] {30L, 3L, 0, 4, "2024-01-11"}))  // exactly at the end of j = 2
                        .toArray(Object[][]::new))));
    }

    private static LabelHistory history(String query, Long cutoff) {
        return history(database(true), query, cutoff);
    }

    private static LabelHistory history(Database db, String query, Long cutoff) {
        return new LabelHistory(db, PredictiveQuery.parse(query, db.schema()), cutoff);
    }

    @Test
    void binaryStatisticsByHand() {
        double[] v = history(DNF, null).values(0, ANCHOR);
        assertEquals(3, v[0], "three labelled windows");
        assertEquals(1.0 / 3, v[1], 1e-12, "one DNF in three");
        assertEquals(0, v[2], "the newest window's label (the row at the anchor itself is history)");
        assertEquals(W2 / (1 + W1 + W2), v[3], 1e-12, "the DNF is two windows old");
        assertEquals(0, v[4], "the newest window is labelled");
        assertEquals(2, v[5], "the DNF closed two windows ago");
        assertEquals(List.of(LabelHistory.Statistic.COUNT, LabelHistory.Statistic.MEAN, LabelHistory.Statistic.LAST,
                LabelHistory.Statistic.RECENCY_WEIGHTED_MEAN, LabelHistory.Statistic.WINDOWS_SINCE_LAST,
                LabelHistory.Statistic.WINDOWS_SINCE_POSITIVE), history(DNF, null).statistics());
    }

    @Test
    void anEntityWithoutPastExamplesHasOnlyACountOfZero() {
        double[] v = history(DNF, null).values(1, ANCHOR);
        assertEquals(0, v[0]);
        for (int k = 1; k < v.length; k++) {
            assertTrue(Double.isNaN(v[k]), "statistic " + k + " has no value: " + v[k]);
        }
    }

    @Test
    void aRowExactlyAtAWindowsEndBelongsToThatWindow() {
        double[] v = history(DNF, null).values(2, ANCHOR);
        assertEquals(1, v[0]);
        assertEquals(2, v[4], "01-11 closes (01-01, 01-11], two windows back");
        assertTrue(Double.isNaN(v[5]), "no DNF");
    }

    @Test
    void aWindowStillOpenAtTheAnchorIsNotUsed() {
        // Anchored a day later, the newest closed window is (01-22, 02-01] and holds the 02-01 DNF; at the anchor
        // itself that window is still open and must not count.
        LabelHistory h = history(DNF, null);
        assertEquals(0, h.values(0, ANCHOR)[2], "the DNF of 02-01 is the label being predicted, not history");
        assertEquals(1, h.values(0, ANCHOR + 86_400_000L)[2]);
        assertEquals(0, h.values(1, ANCHOR)[0], "driver 2's only race is after the anchor");
    }

    @Test
    void aFilterWindowReachingPastTheAnchorKeepsThatPastAnchorOut() {
        // The population reads (t', t' + 20 days]: the past anchor 01-21 would need 02-10, so only anchors up to
        // 01-11 count. Driver 2's 02-05 race must not give it an example at 01-21.
        String query = "PREDICT BOOL(RESULTS.DNF = 1, 0, 10, days) FOR EACH DRIVERS.DRIVER_ID "
                + "WHERE COUNT(RESULTS.*, 0, 20, days) > 0";
        LabelHistory h = history(query, null);
        assertEquals(0, h.values(1, ANCHOR)[0]);
        double[] driver1 = h.values(0, ANCHOR);
        // (01-11, 01-21], (01-01, 01-11] and (12-22, 01-01], which its 01-05 race puts in the population.
        assertEquals(3, driver1[0]);
        assertEquals(1, driver1[4], "the newest usable window is one back");
    }

    @Test
    void nothingAfterTheInputCutoffIsRead() {
        // Cut at 01-21: the (01-21, 01-31] window is after the cutoff, whatever the anchor.
        double[] v = history(DNF, day("2024-01-21")).values(0, ANCHOR);
        assertEquals(2, v[0]);
        assertEquals(0.5, v[1], 1e-12);
        assertEquals(0, v[2], "01-15's finish");
        assertEquals(1, v[5], "the DNF is one window before the cutoff");
        assertEquals(day("2024-01-21"), history(DNF, day("2024-01-21")).inputTime(ANCHOR));
    }

    @Test
    void regressionGivesTheLowestLabelInsteadOfTheLastPositive() {
        String query = "PREDICT AVG(RESULTS.POSITION, 0, 10, days) FOR EACH DRIVERS.DRIVER_ID";
        LabelHistory h = history(query, null);
        double[] v = h.values(0, ANCHOR);
        assertEquals(3, v[0]);
        assertEquals((5 + 3 + 2) / 3.0, v[1], 1e-12);
        assertEquals(2, v[2]);
        assertEquals((2 + 3 * W1 + 5 * W2) / (1 + W1 + W2), v[3], 1e-6);
        assertEquals(2, v[5], "the best finish");
        assertEquals(LabelHistory.Statistic.MIN, h.statistics().get(5));
    }

    @Test
    void windowsFromBeforeTheDataStartsAreNotLabels() {
        // The data starts 01-05: (01-21, 01-31] and (01-11, 01-21] count, (01-01, 01-11] is anchored before it.
        LabelHistory h = history(database(false), "PREDICT COUNT(RESULTS.*, 0, 10, days) FOR EACH DRIVERS.DRIVER_ID",
                null);
        double[] driver2 = h.values(1, ANCHOR);
        assertEquals(2, driver2[0]);
        assertEquals(0, driver2[1]);
    }

    @Test
    void deterministicWhateverOrderTheAnchorsAreAskedIn() {
        LabelHistory a = history(DNF, null);
        LabelHistory b = history(DNF, null);
        long later = ANCHOR + 5 * 86_400_000L;
        double[] aFirst = a.values(0, ANCHOR);
        double[] aLater = a.values(0, later);
        double[] bLater = b.values(0, later);
        double[] bFirst = b.values(0, ANCHOR);
        assertArrayEquals(aFirst, bFirst);
        assertArrayEquals(aLater, bLater);
    }

    @Test
    void refusesQueriesWithoutOneNumericLabel() {
        Database db = database(true);
        PredictiveQuery multiclass = PredictiveQuery.parse(
                "PREDICT LAST(RESULTS.RESULT_ID, 0, 10, days) FOR EACH DRIVERS.DRIVER_ID", db.schema());
        assertEquals(TaskType.MULTICLASS, multiclass.taskType());
        SchemaException e = assertThrows(SchemaException.class, () -> new LabelHistory(db, multiclass, null));
        assertTrue(e.getMessage().contains("BINARY or REGRESSION"), e.getMessage());
    }
}
