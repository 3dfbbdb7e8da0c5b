package org.relgraph.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.source.CsvFolder;
import org.relgraph.source.DataSources;
import org.relgraph.source.LoadOptions;
import org.relgraph.validate.DanglingPolicy;
import org.relgraph.validate.ValidatedDatabase;

class SchemaInferenceTest {
    @TempDir
    Path dir;

    @Test
    void infersTheHandWrittenMiniBankSchemaFromTheCsvsAlone() {
        Schema inferred = SchemaInference.inferFolder(new CsvFolder(dir).miniBankCsvs().path());
        Schema expected = SchemaYaml.read(CsvFolder.MINI_BANK.resolve("schema.yaml"));

        assertEquals(Set.copyOf(expected.tableNames()), Set.copyOf(inferred.tableNames()));
        for (TableSchema want : expected.tables()) {
            TableSchema got = inferred.requireTable(want.name());
            assertEquals(want.primaryKey(), got.primaryKey(), want.name() + " primary key");
            assertEquals(want.timeColumn(), got.timeColumn(), want.name() + " time column");
            assertEquals(Set.copyOf(want.foreignKeys()), Set.copyOf(got.foreignKeys()), want.name() + " foreign keys");
            assertEquals(want.columns(), got.columns(), want.name() + " columns");
            assertEquals(want.name() + ".csv", got.source());
        }
    }

    @Test
    void theWrittenSchemaReadsBackAndLoads() throws Exception {
        Path folder = new CsvFolder(dir).miniBankCsvs().path();
        Schema inferred = SchemaInference.inferFolder(folder);
        SchemaYaml.write(inferred, folder.resolve(SchemaYaml.FILE_NAME));
        Schema read = SchemaYaml.read(folder.resolve(SchemaYaml.FILE_NAME));
        assertEquals(SchemaYaml.toYaml(inferred), SchemaYaml.toYaml(read));
        assertEquals(41, DataSources.open(folder.toString()).load(LoadOptions.defaults()).database()
                .table("accounts").rowCount());
    }

    @Test
    void matchesKeysAcrossCaseAndPluralsAndNeedsTheValuesToBeContained() {
        new CsvFolder(dir)
                .file("Categories.csv", "CategoryID,label", "1,a", "2,b", "3,c")
                .file("statuses.csv", "id,label", "1,open", "2,closed")
                .file("items.csv", "item_id,categoryId,status_id,supplier_id,created_at",
                        "1,1,1,5,2024-01-01 10:00:00", "2,3,2,6,2024-01-02 10:00:00", "3,2,2,7,2024-01-03 11:00:00")
                .file("suppliers.csv", "supplier_id", "1", "2");
        Schema s = SchemaInference.inferFolder(dir);
        assertEquals("CategoryID", s.requireTable("Categories").primaryKey());
        assertEquals("id", s.requireTable("statuses").primaryKey());
        TableSchema items = s.requireTable("items");
        assertEquals("item_id", items.primaryKey());
        assertEquals("created_at", items.timeColumn());
        assertEquals(Set.of("categoryId -> Categories", "status_id -> statuses"),
                Set.copyOf(items.foreignKeys().stream().map(fk -> fk.column() + " -> " + fk.referencedTable())
                        .toList()));
        // supplier ids 5..7 are not in suppliers (1, 2): a look-alike name is not enough
        assertEquals(SemanticType.NUMERICAL, items.column("supplier_id").orElseThrow().type());
        assertEquals(SemanticType.ID, items.column("status_id").orElseThrow().type());
    }

    @Test
    void proposesTypesFromValuesAndCardinality() {
        StringBuilder many = new StringBuilder();
        List<String> lines = new java.util.ArrayList<>(List.of(
                "row_id,flag01,yes_no,when_seen,colour,review,name,score"));
        for (int i = 0; i < 120; i++) {
            lines.add(i + "," + (i % 2) + "," + (i % 3 == 0 ? "yes" : "no") + ",2024-01-" + (1 + i % 28) + "T08:00:00Z,"
                    + List.of("red", "green", "blue").get(i % 3) + ","
                    + "\"this product review is long enough to count as free text, number " + i + "\","
                    + "person" + i + "," + (i * 0.5));
        }
        new CsvFolder(dir).file("things.csv", lines.toArray(String[]::new));
        TableSchema t = SchemaInference.inferFolder(dir).requireTable("things");
        assertEquals(SemanticType.BOOLEAN, t.column("flag01").orElseThrow().type());
        assertEquals(SemanticType.BOOLEAN, t.column("yes_no").orElseThrow().type());
        assertEquals(SemanticType.TIMESTAMP, t.column("when_seen").orElseThrow().type());
        assertEquals(SemanticType.CATEGORICAL, t.column("colour").orElseThrow().type());
        assertEquals(SemanticType.TEXT, t.column("review").orElseThrow().type());
        assertEquals(SemanticType.TEXT, t.column("name").orElseThrow().type());
        assertEquals(SemanticType.NUMERICAL, t.column("score").orElseThrow().type());
        assertEquals("when_seen", t.timeColumn());
        assertEquals("row_id", t.primaryKey()); // not named after the table, but a leading unique *_id
    }

    @Test
    void twoFilesForOneTableAreAClearError() {
        new CsvFolder(dir).file("customers.csv", "customer_id", "1").file("Customers.csv.gz", "customer_id", "1");
        SchemaException e = assertThrows(SchemaException.class, () -> SchemaInference.inferFolder(dir));
        assertTrue(e.getMessage().contains("Customers.csv.gz and customers.csv would both be table"), e.getMessage());
    }

    @Test
    void anEmptyFolderIsAClearError() {
        SchemaException e = assertThrows(SchemaException.class, () -> SchemaInference.inferFolder(dir));
        assertTrue(e.getMessage().contains("no .csv, .csv.gz or .parquet files in " + dir), e.getMessage());
    }

    /** The real Ergast F1 export: gzip, \N nulls, camelCase keys. Skipped when shared data is absent. */
    @Test
    void infersAndLoadsTheRealF1Files() throws Exception {
        Path f1 = Path.of("..", "..", "shared", "data", "f1");
        assumeTrue(Files.isDirectory(f1), "shared data " + f1.toAbsolutePath() + " is absent: skipping");
        Schema s = SchemaInference.inferFolder(f1);
        assertEquals("raceId", s.requireTable("races").primaryKey());
        assertEquals("date", s.requireTable("races").timeColumn());
        assertNull(s.requireTable("drivers").timeColumn()); // dob is a birth date
        assertEquals("qualifyId", s.requireTable("qualifying").primaryKey()); // leading unique *Id column
        TableSchema results = s.requireTable("results");
        assertEquals("resultId", results.primaryKey());
        Set<String> fks = Set.copyOf(results.foreignKeys().stream().map(fk -> fk.column() + " -> "
                + fk.referencedTable()).toList());
        assertTrue(fks.containsAll(Set.of("raceId -> races", "driverId -> drivers",
                "constructorId -> constructors", "statusId -> status")), fks.toString());
        // load with the schema just inferred rather than inferring it a second time: keeps the test quick
        Path yaml = dir.resolve(SchemaYaml.FILE_NAME);
        SchemaYaml.write(s, yaml);
        ValidatedDatabase db = DataSources.open(f1.toString(), yaml).load(new LoadOptions(DanglingPolicy.FAIL));
        assertTrue(db.database().table("results").rowCount() > 25_000);
    }
}
