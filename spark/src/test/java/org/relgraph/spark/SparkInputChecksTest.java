package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.schema.SchemaException;
import org.relgraph.source.DataSources;

/**
 * Data the single-machine loader refuses, the Spark labels and neighbourhoods jobs refuse too, before computing any label, with the
 * same {@code error:} and {@code hint:} lines: dangling foreign keys (also of a {@code time_from} table), repeated
 * and missing primary keys, several errors at once, values that do not fit their type, a table without rows.
 */
class SparkInputChecksTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        LocalSpark.session();
    }

    @Test
    void aForeignKeyMatchingNoParentIsRefusedAsOnOneMachine() throws IOException {
        Path data = SmallF1.write(tmp.resolve("dangling"));
        edit(data, "results.csv", "\n5,2,3,7,", "\n5,99,3,7,");
        edit(data, "results.csv", "\n9,3,1,4,", "\n9,98,1,4,");
        edit(data, "results.csv", "\n12,3,2,8,", "\n12,99,2,8,");
        bothRefuse(data, "folder " + data + ": 1 error: table 'results', column 'driverId', row 5: 3 rows whose "
                + "driverId matches no row of drivers, e.g. '99', '98'");
    }

    @Test
    void repeatedAndMissingPrimaryKeysAreRefusedAsOnOneMachine() throws IOException {
        Path data = SmallF1.write(tmp.resolve("keys"));
        Files.writeString(data.resolve("drivers.csv"), "3,Dutch\n1,Finnish\n3,Swiss\n",
                java.nio.file.StandardOpenOption.APPEND);
        edit(data, "results.csv", "\n14,4,2,12,", "\n,4,2,12,");
        edit(data, "results.csv", "\n5,2,3,7,", "\n5,99,3,7,");
        // every error is counted (the loader reports them all), the first named
        bothRefuse(data, "folder " + data + ": 3 errors, first: table 'drivers', column 'driverId', row 9: 3 rows "
                + "repeating a primary key of an earlier row, e.g. '3', '1'");
    }

    @Test
    void aTimeFromTableWhoseParentIsMissingIsRefusedAsOnOneMachine() throws IOException {
        Path data = SmallF1.writeWithRaces(tmp.resolve("races"));
        edit(data, "races.csv", "\n100,", "\n1000,");
        bothRefuse(data, "folder " + data + ": 1 error: table 'results', column 'raceId', row 1: 2 rows whose "
                + "raceId matches no row of races, e.g. '100'");
    }

    @Test
    void valuesThatDoNotFitTheirTypeAreNamedByRowAsOnOneMachine() throws IOException {
        Path data = SmallF1.write(tmp.resolve("values"));
        edit(data, "results.csv", "\n4,2,1,5,2020-01-15", "\n4,2,1,n/a,15/01/2020");
        edit(data, "results.csv", "\n9,3,1,4,", "\n9,3,1,fourth,");
        edit(data, "results.csv", "\n11,3,1,2,", "\n11,3,1,n/a,");
        bothRefuse(data, data.resolve("results.csv") + ", row 4 (line 5), column 'positionOrder': value 'n/a' is "
                + "not a number; 3 bad values in this column, also row 9 'fourth', row 11 'n/a'; columns date have "
                + "bad values too");
    }

    @Test
    void aTableWithoutRowsIsRefusedAsOnOneMachine() throws IOException {
        Path data = SmallF1.write(tmp.resolve("no-rows"));
        Files.writeString(data.resolve("drivers.csv"), "driverId,nationality\n");
        bothRefuse(data, data.resolve("drivers.csv") + ": table 'drivers' has no data rows");
    }

    @Test
    void anEmptyFileIsRefusedAsOnOneMachine() throws IOException {
        Path data = SmallF1.write(tmp.resolve("empty-file"));
        Files.writeString(data.resolve("drivers.csv"), "");
        bothRefuse(data, data.resolve("drivers.csv") + ": the file is empty (table 'drivers' needs a header row "
                + "and data rows)");
    }

    /** Both paths refuse the data with the same lines; the Spark job writes no file. */
    private static void bothRefuse(Path data, String message) throws IOException {
        SchemaException e = assertThrows(SchemaException.class, () -> DataSources.open(data.toString()).load());
        String single = "error: " + e.getMessage() + "\nhint: " + e.hint() + "\n";
        assertTrue(single.startsWith("error: " + message), single);
        Path out = data.resolveSibling(data.getFileName() + "-labels.csv");
        SparkLabelsTest.Result r = SparkLabelsTest.run("labels", "--data", data.toString(), "--query",
                SmallF1.DNF, "--out", out.toString());
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertEquals(single, r.err());
        assertFalse(Files.exists(out));
        // neighbourhoods reads the same tables and refuses the same data, before it reads the labels file
        Path labels = data.resolveSibling(data.getFileName() + "-seeds.csv");
        Path subgraphs = data.resolveSibling(data.getFileName() + "-neighbourhoods");
        Files.writeString(labels, "driverId,anchor_time,split,label\n1,2020-01-01,train,0\n");
        SparkLabelsTest.Result n = SparkLabelsTest.run("neighbourhoods", "--data", data.toString(), "--labels",
                labels.toString(), "--out", subgraphs.toString());
        assertEquals(SparkMain.USER_ERROR, n.code(), n.err());
        assertEquals(single, n.err());
        assertFalse(Files.exists(subgraphs));
    }

    private static void edit(Path data, String file, String from, String to) throws IOException {
        String text = Files.readString(data.resolve(file));
        assertTrue(text.contains(from), from);
        Files.writeString(data.resolve(file), text.replace(from, to));
    }
}
