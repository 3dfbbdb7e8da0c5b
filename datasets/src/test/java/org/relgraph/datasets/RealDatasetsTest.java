package org.relgraph.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.schema.TableSchema;

/** Prepares the real datasets from ../shared/data and checks row counts and key integrity in the output. */
class RealDatasetsTest {
    static final Path DATA_HOME = locateDataHome();

    static Path locateDataHome() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate.resolve("f1"))) {
                return candidate;
            }
        }
        return PreparedDatasets.defaultDataHome();
    }

    static long scalar(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String parquet(Path dir, String table) {
        return "read_parquet(" + DuckDbExport.quote(dir.resolve(table + ".parquet").toString()) + ")";
    }

    /** Every foreign key value appears in its parent, every primary key is unique and non-null. */
    static void assertKeyIntegrity(Path dir, Schema schema) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (TableSchema t : schema.tables()) {
                String pk = t.primaryKey();
                assertEquals(scalar(s, "SELECT count(*) FROM " + parquet(dir, t.name())),
                        scalar(s, "SELECT count(DISTINCT " + pk + ") FROM " + parquet(dir, t.name())),
                        t.name() + "." + pk + " must be unique and non-null");
            }
            for (ForeignKey fk : schema.foreignKeys()) {
                String parentPk = schema.requireTable(fk.referencedTable()).primaryKey();
                long orphans = scalar(s, "SELECT count(*) FROM " + parquet(dir, fk.table()) + " c WHERE c."
                        + fk.column() + " IS NOT NULL AND c." + fk.column() + " NOT IN (SELECT " + parentPk
                        + " FROM " + parquet(dir, fk.referencedTable()) + ")");
                assertEquals(0, orphans, fk + " has dangling references");
            }
        }
    }

    @Test
    void relF1MatchesRelBenchSnapshot(@TempDir Path cache) throws Exception {
        assumeTrue(Files.isDirectory(DATA_HOME.resolve("f1")), "no F1 data in " + DATA_HOME + "; skipping");
        Path dir = new PreparedDatasets(DATA_HOME, cache).prepared("rel-f1");
        Schema schema = SchemaYaml.read(dir.resolve("schema.yaml"));
        assertEquals(9, schema.tables().size());
        assertKeyIntegrity(dir, schema);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            assertEquals(857, scalar(s, "SELECT count(*) FROM " + parquet(dir, "drivers")));
            assertEquals(0, scalar(s, "SELECT count(*) FROM " + parquet(dir, "races")
                    + " WHERE date >= TIMESTAMP '2023-08-27'"));
            // qualifying is timed one day before its race
            assertEquals(0, scalar(s, "SELECT count(*) FROM " + parquet(dir, "qualifying") + " q JOIN "
                    + parquet(dir, "races") + " r USING (raceId) WHERE q.date <> r.date - INTERVAL 1 DAY"));
            // a race without a start time starts at midnight
            assertTrue(scalar(s, "SELECT count(*) FROM " + parquet(dir, "races")
                    + " WHERE CAST(date AS TIME) = TIME '00:00:00'") > 0);
        }
    }

    @Test
    void berkaDecodesDatesAndCodes(@TempDir Path cache) throws Exception {
        assumeTrue(Files.isDirectory(DATA_HOME.resolve("berka")), "no Berka data in " + DATA_HOME + "; skipping");
        Path dir = new PreparedDatasets(DATA_HOME, cache).prepared("berka");
        Schema schema = SchemaYaml.read(dir.resolve("schema.yaml"));
        assertKeyIntegrity(dir, schema);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            assertEquals(4500, scalar(s, "SELECT count(*) FROM " + parquet(dir, "account")));
            assertEquals(5369, scalar(s, "SELECT count(*) FROM " + parquet(dir, "client")));
            assertEquals(682, scalar(s, "SELECT count(*) FROM " + parquet(dir, "loan")));
            assertEquals(99_999, scalar(s, "SELECT count(*) FROM " + parquet(dir, "trans")));
            assertEquals(0, scalar(s, "SELECT count(*) FROM " + parquet(dir, "trans")
                    + " WHERE date < TIMESTAMP '1993-01-01' OR date >= TIMESTAMP '1994-11-01'"));
            assertEquals(0, scalar(s, "SELECT count(*) FROM " + parquet(dir, "client")
                    + " WHERE birth_date IS NULL OR sex NOT IN ('F', 'M')"));
            assertEquals(0, scalar(s, "SELECT count(*) FROM " + parquet(dir, "trans")
                    + " WHERE type NOT IN ('credit', 'withdrawal', 'cash withdrawal')"));
        }
    }

    /**
     * Catalogue tables that never change are declared static, so rel-f1 trains without a timeless-table warning;
     * Berka's client, disposition and standing-order tables are undated but grow, so they keep theirs.
     */
    @Test
    void bundledSchemasDeclareTheirUnchangingTablesStatic() {
        Schema f1 = org.relgraph.datasets.f1.RelF1Dataset.schema();
        assertEquals(java.util.List.of(), org.relgraph.schema.TimelessTables.all(f1));
        assertEquals(java.util.List.of("circuits", "drivers", "constructors"),
                org.relgraph.schema.TimelessTables.declaredStatic(f1));
        Schema berka = org.relgraph.datasets.berka.BerkaDataset.schema();
        assertEquals(java.util.List.of("district"), org.relgraph.schema.TimelessTables.declaredStatic(berka));
        assertTrue(org.relgraph.schema.TimelessTables.all(berka).stream()
                .anyMatch(t -> t.table().equals("orders")));
        // schema.yaml (what a prepared dataset is loaded from) keeps the declaration
        assertEquals(org.relgraph.schema.TimelessTables.declaredStatic(f1), org.relgraph.schema.TimelessTables
                .declaredStatic(SchemaYaml.parse(SchemaYaml.toYaml(f1), "rel-f1 schema.yaml")));
    }

    @Test
    void missingRawDataSaysWhereToPutIt(@TempDir Path empty) {
        SchemaException e = org.junit.jupiter.api.Assertions.assertThrows(SchemaException.class,
                () -> new PreparedDatasets(empty, empty.resolve("cache")).prepared("rel-f1"));
        assertTrue(e.getMessage().contains("races.csv.gz"), e.getMessage());
        assertTrue(e.hint().contains("RELGRAPH_DATA_HOME"), e.hint());
    }

    @Test
    void unknownDatasetListsTheKnownOnes() {
        SchemaException e = org.junit.jupiter.api.Assertions.assertThrows(SchemaException.class,
                () -> PreparedDatasets.byName("rel-f2"));
        assertTrue(e.hint().contains("rel-f1") && e.hint().contains("berka"), e.hint());
    }
}
