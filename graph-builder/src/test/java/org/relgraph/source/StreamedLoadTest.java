package org.relgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/** Large tables stream from the file into the columnar arrays: DuckDB never holds a table whole. */
class StreamedLoadTest {
    @TempDir
    Path dir;

    private static final int ROWS = 2_000_000;

    private TableSchema writeParquet(String select) throws Exception {
        Path file = dir.resolve("events.parquet");
        try (Connection c = EmbeddedDuckDb.open(); Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
        }
        Files.writeString(dir.resolve("schema.yaml"), String.join("\n", "tables:", "  - name: events",
                "    primary_key: id", "    columns: {id: id, amount: numerical, at: timestamp}", ""));
        return SchemaYaml.read(dir.resolve("schema.yaml")).table("events").orElseThrow();
    }

    /**
     * 2M rows of three 8-byte columns are 48 MB in DuckDB. With a 32 MB limit and spilling switched off, a reader
     * that copies the file into a DuckDB table (or holds the whole result) fails; the streamed one reads it.
     */
    @Test
    void aParquetTableLargerThanDuckDbsMemoryStreamsIntoTheArrays() throws Exception {
        TableSchema schema = writeParquet("SELECT i AS id, i * 0.5 AS amount, TIMESTAMP '2024-01-01' + "
                + "INTERVAL (i) SECOND AS at FROM range(" + ROWS + ") t(i)");
        try (Connection duck = EmbeddedDuckDb.openStreaming(); Statement s = duck.createStatement()) {
            s.execute("SET memory_limit = '32MB'");
            s.execute("SET temp_directory = ''");
            Table t = new DuckDbTableReader(duck).read(DataFile.locate(dir, "events", null), schema);
            assertEquals(ROWS, t.rowCount());
            DoubleColumn amount = (DoubleColumn) t.requireColumn("amount");
            LongColumn at = (LongColumn) t.requireColumn("at");
            assertEquals(0.5 * (ROWS - 1), amount.get(ROWS - 1));
            assertEquals(at.get(0) + 1000L * (ROWS - 1), at.get(ROWS - 1)); // file order kept
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM duckdb_tables() WHERE temporary")) {
                rs.next();
                assertEquals(0, rs.getLong(1), "no scratch table is left behind");
            }
        }
    }

    @Test
    void aBadValueInAParquetFileNamesItsFileRow() throws Exception {
        TableSchema schema = writeParquet("SELECT i AS id, CASE WHEN i IN (41, 77) THEN 'n/a' ELSE CAST(i AS VARCHAR)"
                + " END AS amount, '2024-01-01' AS at FROM range(100) t(i)");
        SchemaException e = assertThrows(SchemaException.class,
                () -> new FolderSource(dir, null).load(LoadOptions.defaults()));
        String m = e.userMessage();
        assertTrue(m.contains("events.parquet, row 42, column 'amount': value 'n/a' is not a number"), m);
        assertTrue(m.contains("2 bad values") && m.contains("row 78 'n/a'"), m);
        assertFalse(m.contains("(line"), "Parquet has no text lines: " + m);
        assertEquals("events", schema.name());
    }

    /**
     * Few-valued strings arrive as codes of a DuckDB ENUM; the codes must be numbered as the row-by-row builder
     * numbers them (first appearance), and a many-valued column must still arrive whole, as strings.
     */
    @Test
    void categoricalCodesFollowFirstAppearanceWhetherCodedInDuckDbOrBuiltFromStrings() throws Exception {
        int rows = 200_000;
        Path file = dir.resolve("events.parquet");
        try (Connection c = EmbeddedDuckDb.open(); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i AS id, CASE WHEN i % 7 = 3 THEN NULL ELSE chr(90 - CAST((i * 13) % 5 AS INTEGER))"
                    + " END AS kind, 'v' || (i * 7919 % " + rows + ") AS tag FROM range(" + rows + ") t(i)) TO '"
                    + file + "' (FORMAT parquet)");
        }
        Files.writeString(dir.resolve("schema.yaml"), String.join("\n", "tables:", "  - name: events",
                "    primary_key: id", "    columns: {id: id, kind: categorical, tag: categorical}", ""));
        Table t = new FolderSource(dir, null).load(LoadOptions.defaults()).database().table("events");
        for (String name : new String[] {"kind", "tag"}) {
            org.relgraph.table.CategoricalColumn loaded = (org.relgraph.table.CategoricalColumn) t.requireColumn(name);
            org.relgraph.table.CategoricalColumnBuilder expected = new org.relgraph.table.CategoricalColumnBuilder(
                    name, loaded.type(), rows);
            try (Connection c = EmbeddedDuckDb.open(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + name + " FROM read_parquet('" + file + "')")) {
                while (rs.next()) {
                    expected.add(rs.getString(1));
                }
            }
            org.relgraph.table.CategoricalColumn built = expected.build();
            assertEquals(built.dictionary(), loaded.dictionary(), name);
            assertTrue(java.util.Arrays.equals(built.codes(), loaded.codes()), name);
        }
        assertEquals(List.of("Z", "W", "X", "Y", "V").size(),
                ((org.relgraph.table.CategoricalColumn) t.requireColumn("kind")).cardinality());
        assertEquals(rows, ((org.relgraph.table.CategoricalColumn) t.requireColumn("tag")).cardinality(),
                "past 65,536 values the column is read as strings");
    }

    @Test
    void theEmbeddedDuckDbKeepsToItsShareOfMemoryAndSpillsOutsideTheWorkingFolder() throws Exception {
        try (Connection duck = EmbeddedDuckDb.open(); Statement s = duck.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('memory_limit'), "
                     + "current_setting('temp_directory'), current_setting('threads')")) {
            rs.next();
            MemoryPlan plan = MemoryPlan.current();
            double limitMb = Double.parseDouble(rs.getString(1).replaceAll("[^0-9.]", ""));
            double expectedMb = plan.duckDbBytes() / (double) (1 << 20);
            double unit = rs.getString(1).contains("GiB") ? 1024 : 1;
            assertEquals(expectedMb, limitMb * unit, expectedMb * 0.01, rs.getString(1));
            Path temp = Path.of(rs.getString(2)).toAbsolutePath();
            assertTrue(temp.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath()), temp.toString());
            assertFalse(temp.startsWith(Path.of("").toAbsolutePath()), temp.toString());
            assertEquals(plan.threads(), rs.getInt(3));
        }
    }

    /** A CSV table's text copy goes as soon as the table is read, and a Parquet table can follow it. */
    @Test
    void eachTablesScratchIsDroppedAfterItsReadWhateverTheFormat() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "id,amount\n1,2.5\n2,3.5\n");
        try (Connection c = EmbeddedDuckDb.open(); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i AS id, i * 2.0 AS amount FROM range(3) t(i)) TO '" + dir.resolve("b.parquet")
                    + "' (FORMAT parquet)");
        }
        Files.writeString(dir.resolve("schema.yaml"), String.join("\n", "tables:",
                "  - name: a", "    columns: {id: id, amount: numerical}",
                "  - name: b", "    columns: {id: id, amount: numerical}", ""));
        var schema = SchemaYaml.read(dir.resolve("schema.yaml"));
        try (Connection duck = EmbeddedDuckDb.openStreaming(); Statement s = duck.createStatement()) {
            DuckDbTableReader reader = new DuckDbTableReader(duck);
            for (String name : new String[] {"a", "b", "a"}) {
                Table t = reader.read(DataFile.locate(dir, name, null), schema.table(name).orElseThrow());
                assertEquals(name.equals("a") ? 2 : 3, t.rowCount());
                try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM duckdb_tables() WHERE temporary) "
                        + "+ (SELECT count(*) FROM duckdb_views() WHERE temporary AND NOT internal)")) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), "scratch left after reading " + name);
                }
            }
        }
    }
}
