package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.query.LiteralValueCheck;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.QueryException;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * A compared value no row holds is refused by the Spark labels job with the single-machine check's words, instead
 * of every example being labelled 0.
 */
class SparkLiteralValuesTest {
    @TempDir
    static Path tmp;
    static Path f1;
    static Database db;

    @BeforeAll
    static void data() throws IOException {
        LocalSpark.session();
        f1 = SmallF1.write(tmp.resolve("f1"));
        db = DataSources.open(f1.toString()).load().database();
    }

    /** Spark's error and hint lines are the single-machine check's, for the same query. */
    private static void refusedAsOnOneMachine(String pql, String expectedHintPart) {
        QueryException one = assertThrows(QueryException.class,
                () -> LiteralValueCheck.check(PredictiveQuery.parse(pql, db.schema()), db));
        assertTrue(one.hint().contains(expectedHintPart), one.hint());
        Path out = tmp.resolve("labels-" + Math.abs(pql.hashCode()) + ".csv");
        SparkLabelsTest.Result r = SparkLabelsTest.run("labels", "--data", f1.toString(), "--query", pql, "--out",
                out.toString(), "--val-time", "2020-02-01", "--test-time", "2020-03-02", "--train-anchors", "2");
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: " + one.getMessage() + "\n"), r.err());
        assertTrue(r.err().contains("hint: " + one.hint()), r.err());
        assertFalse(Files.exists(out), "no labels file for a refused query");
    }

    @Test
    void aMisspeltTargetValueIsRefusedWithTheValuesTheColumnHolds() {
        refusedAsOnOneMachine("PREDICT BOOL(results.statusId = 'Finished', 0, 30, days) FOR EACH drivers.driverId",
                "its values: '1', '2', '3'");
    }

    @Test
    void aMisspeltFilterValueGetsADidYouMean() {
        refusedAsOnOneMachine("PREDICT COUNT(results.*, 0, 30, days) FOR EACH drivers.driverId "
                + "WHERE drivers.nationality = 'Brittish'", "did you mean 'British'?");
    }

    @Test
    void anIntegerIdNoRowHoldsIsRefused() {
        refusedAsOnOneMachine("PREDICT COUNT(results.*, 0, 30, days) FOR EACH drivers.driverId "
                + "WHERE drivers.driverId IN (1, 99)", "its values: 1, 2, 3, 4, 5, 6, 7, 8");
    }

    @Test
    void valuesTheColumnsHoldPassWithoutWarnings() {
        SparkTables tables = new SparkTables(LocalSpark.session(), f1, SparkTables.readSchema(f1, null));
        List<String> warnings = SparkLiteralValues.check(PredictiveQuery.parse("PREDICT BOOL(results.statusId = '2', "
                + "0, 30, days) FOR EACH drivers.driverId WHERE drivers.nationality IN ('British', 'German')",
                tables.schema()), tables);
        assertEquals(List.of(), warnings);
    }
}
